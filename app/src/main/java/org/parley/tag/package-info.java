/**
 * Tags on conversations (issue 17): the practice's set of tags, each a name and a colour from a fixed palette, which
 * admins manage; staff add and remove them on a conversation (audited), and the inbox shows and filters by them.
 * Routing rules may tag a new or reopened conversation automatically (audited as Parley's).
 *
 * <p>Tables {@code tag} and {@code conversation_tag} (indexed both ways: the tags of a page of conversations, and the
 * conversations of a tag for the inbox's filter). A tag's name is the practice's word, not PHI; which conversation
 * carries it is recorded in the audit log by ids only.
 *
 * <p>Public face: {@link org.parley.tag.TagService}, the records {@link org.parley.tag.Tag} and the palette
 * {@link org.parley.tag.TagColour}.
 */
package org.parley.tag;
