package org.parley.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A count a feature shows beside one of its menu items, e.g. unread messages beside Inbox. Features contribute a
 * Spring bean; the frame asks for a fresh component per page, so base knows no feature.
 */
public interface MenuBadge {

    /** The view whose menu item it belongs to, e.g. the inbox's. */
    Class<? extends Component> view();

    /** A new component for one browser tab's menu. */
    Component create();
}
