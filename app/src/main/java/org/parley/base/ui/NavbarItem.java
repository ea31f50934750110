package org.parley.base.ui;

import com.vaadin.flow.component.Component;

/**
 * Something a feature shows in the top bar of every page, e.g. the mentions bell. Features contribute a Spring bean;
 * the frame asks each for a fresh component per page, so base knows no feature.
 */
public interface NavbarItem {

    /** A new component for one browser tab's frame. */
    Component create();
}
