/**
 * Team-wide reply templates: admins write them (name, body with placeholders such as
 * {@code {patient.firstName}}), everyone inserts them into a reply or an internal note, filled and still editable.
 * A template is never sent by itself. Public: {@link org.parley.template.TemplateService}, the records it takes
 * and returns, and {@link org.parley.template.Placeholder}; the picker for a text box is
 * {@link org.parley.template.ui.TemplatePicker}.
 */
package org.parley.template;
