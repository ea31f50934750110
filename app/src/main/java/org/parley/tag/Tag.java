package org.parley.tag;

/**
 * One of the practice's tags.
 *
 * @param id     the tag's id
 * @param name   its name, e.g. "Refill"
 * @param colour its colour
 */
public record Tag(long id, String name, TagColour colour) {
}
