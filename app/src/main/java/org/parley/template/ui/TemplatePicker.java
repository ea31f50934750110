package org.parley.template.ui;

import com.vaadin.flow.component.Composite;
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
     * The keys, handled in the browser so that what is typed next already goes to the right place (a round trip to
     * the server first would let the first letters land in the box): "/" in the empty box (not typed) and Alt+T
     * (by key position, so also on a Mac, where Alt+T types a character) move to the search; Escape there moves
     * back. Each element remembers its current partner, so a redrawn panel brings its own.
     */
    private static final String KEYS = """
            const box = this, picker = $0;
            box.__parleyTemplatePicker = picker;
            picker.__parleyTemplateBox = box;
            if (!box.__parleyTemplateKeys) {
              box.__parleyTemplateKeys = e => {
                const to = box.__parleyTemplatePicker;
                if (!to || !to.isConnected || e.ctrlKey || e.metaKey) {
                  return;
                }
                const slash = e.key === '/' && !e.altKey && !(box.value || '').length;
                const altT = e.altKey && e.code === 'KeyT';
                if (slash || altT) {
                  e.preventDefault();
                  to.focus();
                }
              };
              box.addEventListener('keydown', box.__parleyTemplateKeys);
            }
            if (!picker.__parleyTemplateEscape) {
              picker.__parleyTemplateEscape = e => {
                const back = picker.__parleyTemplateBox;
                if (e.key === 'Escape' && back && back.isConnected) {
                  back.focus();
                }
              };
              picker.addEventListener('keydown', picker.__parleyTemplateEscape);
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
        // Whichever of the two is attached last, the browser then knows both.
        target.addAttachListener(attached -> listenForKeys());
        addAttachListener(attached -> listenForKeys());
    }

    private void listenForKeys() {
        if (target.isAttached() && isAttached()) {
            target.getElement().executeJs(KEYS, getContent().getElement());
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
