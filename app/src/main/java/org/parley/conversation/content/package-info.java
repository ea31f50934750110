/**
 * Messages of a conversation in full, attachments' bytes included, for features that copy them elsewhere, such as a
 * patient's chart. Public: {@link org.parley.conversation.content.MessageContents} (the service) and {@link
 * org.parley.conversation.content.MessageContent} (what it returns; protected health information, never logged). It
 * reads the conversation's entities through their public getters and changes nothing.
 */
package org.parley.conversation.content;
