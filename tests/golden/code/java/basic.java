package org.example;

/**
 * Javadoc for the batcher.
 * @author someone
 */
public class Batcher {
    private String s = "// not a comment /* nor this */"; // line comment: TTFT
    /* block comment — naïve */
    /** Field doc: maximum batch size. */
    int max = 8;
}
