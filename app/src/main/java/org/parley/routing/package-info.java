/**
 * Routing rules and the reason picker (issue 17): an admin's ordered rules that place a conversation when it starts (the patient's first
 * text or voicemail in it) or when a closed one reopens. A rule's conditions (any of its words in the patient's text,
 * as whole words; the patient has a tag on any of their conversations; the line) must all hold; its actions put the
 * conversation in a list and/or tag it. Rules are tried in the admin's order and the first that matches wins: later
 * rules are not tried. No rule matching leaves the conversation where it landed (the line's default list).
 *
 * <p>Table {@code routing_rule}; read on every start or reopening (a practice has tens of rules), so every node sees an
 * admin's change at once. Public face: {@link org.parley.routing.RoutingRules} and {@link
 * org.parley.routing.RoutingRule}. {@code conversation.ConversationRouting} applies the first match.
 *
 * <p>The reason picker ({@link org.parley.routing.ReasonPickers}, tables {@code line_reason_picker} and
 * {@code line_reason}): per line, the question a new conversation's first text is answered with and the reasons
 * (1, 2, 3) with their list and/or tag; {@code conversation.ReasonQuestions} asks and routes by the answer.
 */
package org.parley.routing;
