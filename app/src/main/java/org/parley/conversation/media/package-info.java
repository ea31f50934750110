/**
 * The pictures and files that come with a message: the entity {@link org.parley.conversation.media.MessageMedia}, its
 * repository (shared with intake, the media links and the secure page, see {@code FeatureMapTest}) and {@link
 * org.parley.conversation.media.MediaInfo}, an attachment as a thread shows it (no bytes). All public.
 */
package org.parley.conversation.media;
