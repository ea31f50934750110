package org.parley.template.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableSupplier;
import org.parley.template.TemplateContext;
import org.parley.template.TemplateService;
import org.parley.template.TemplateSummary;

/**
 * "Insert template…" for a text box (a reply, an internal note): search by name, pick one, and its text, filled in
 * for this conversation, lands in the box, where it stays editable. Nothing is ever sent from here.
 *
 * <p>Made for the keyboard: {@code /} in the empty box or Alt+T there jumps to the search, typing filters, the
 * arrow keys choose, Enter inserts (replacing an empty box, else at the cursor), Escape goes back to the box.
 */
public class TemplatePicker extends Composite<ComboBox<TemplateSummary>> {

    /** Inserts at the box's cursor (or over its selection) in the browser, where the cursor is known. */
    private static final String INSERT_AT_CURSOR = """
            const area = this.inputElement;
            const start = area.selectionStart ?? area.value.length;
            area.setRangeText($0, start, area.selectionEnd ?? start, 'end');
            this.value = area.value;
            this.dispatchEvent(new CustomEvent('change', {bubbles: true}));
            this.focus();""";

    /**
     * "/" typed into the empty box moves to the search without typing the slash, at once in the browser, so
     * the next keys already filter. The box remembers its current picker (a new panel brings a new one).
     */
    private static final String SLASH_OPENS_PICKER = """
            this.__parleyTemplatePicker = $0;
            if (!this.__parleySlashListener) {
              this.__parleySlashListener = e => {
                if (e.key === '/' && !e.ctrlKey && !e.altKey && !e.metaKey && !(this.value || '').length
                    && this.__parleyTemplatePicker && this.__parleyTemplatePicker.isConnected) {
                  e.preventDefault();
                  this.__parleyTemplatePicker.focus();
                }
              };
              this.addEventListener('keydown', this.__parleySlashListener);
            }""";

    private final TemplateService templates;
    private final TextArea target;
    private final SerializableSupplier<TemplateContext> context;

    /**
     * @param templates the templates
     * @param target    the box the text goes into
     * @param context   the values of the placeholders at the moment of inserting (the patient may have been
     *                  renamed since the box was drawn)
     */
    public TemplatePicker(TemplateService templates, TextArea target, SerializableSupplier<TemplateContext> context) {
        this.templates = templates;
        this.target = target;
        this.context = context;
        ComboBox<TemplateSummary> search = getContent();
        search.setId(target.getId().map(id -> "template-for-" + id).orElse("insert-template"));
        search.addClassName("template-picker");
        search.setPlaceholder("Insert template…");
        search.setAriaLabel("Insert template: type to search by name, Enter inserts, Escape goes back");
        search.setTooltipText("Type / in an empty box, or press Alt+T, to search templates");
        search.setClearButtonVisible(false);
        search.setItems(query -> templates.search(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
        search.setItemLabelGenerator(TemplateSummary::name);
        search.setRenderer(LitRenderer.<TemplateSummary>of(
                        "<div><b>${item.name}</b><div class=\"template-body\">${item.body}</div></div>")
                .withProperty("name", TemplateSummary::name)
                .withProperty("body", t -> t.body().length() > 90 ? t.body().substring(0, 90) + "…" : t.body()));
        search.setOverlayWidth("28em");
        search.addValueChangeListener(chosen -> {
            if (chosen.getValue() != null) {
                insert(chosen.getValue());
                search.clear();
            }
        });
        search.addFocusShortcut(Key.KEY_T, KeyModifier.ALT).listenOn(target);
        Shortcuts.addShortcutListener(search, (com.vaadin.flow.server.Command) target::focus, Key.ESCAPE)
                .listenOn(search);
        // Whichever of the two is attached last, the browser then knows both.
        target.addAttachListener(attached -> listenForSlash());
        addAttachListener(attached -> listenForSlash());
    }

    private void listenForSlash() {
        if (target.isAttached() && isAttached()) {
            target.getElement().executeJs(SLASH_OPENS_PICKER, getContent().getElement());
        }
    }

    /** Moves the keyboard to the search. */
    public void focus() {
        getContent().focus();
    }

    /** Fills the template in and puts it into the box: over an empty box, else at the cursor. */
    void insert(TemplateSummary template) {
        if (!target.isEnabled() || target.isReadOnly()) {
            return;
        }
        String text = templates.fill(template, context.get());
        if (target.getValue().isBlank()) {
            target.setValue(text);
            target.focus();
        } else {
            target.getElement().executeJs(INSERT_AT_CURSOR, text);
        }
    }
}
