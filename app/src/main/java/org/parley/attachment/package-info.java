/**
 * What staff may attach to a reply: the types allowed (read from the content, never from the name, {@code FileKind}),
 * the size and count limits, and whether a line's provider can carry pictures at all. Public:
 * {@link org.parley.attachment.ReplyAttachments} and the record {@link org.parley.attachment.Attachment}.
 */
package org.parley.attachment;
