package dev.faasjvm.samples.wordcount;

import java.util.function.Function;

/**
 * Counts the words of a text: a plain {@link Function} from a JSON record to a JSON record, with
 * no faas-jvm types at all. {@code {"text":"a b c"}} answers {@code {"words":3,"characters":5}}.
 */
public final class WordCount implements Function<WordCount.Text, WordCount.Counts> {

    /** The input: the text to count. */
    public record Text(String text) {
    }

    /** The output: how many words and characters the text has. */
    public record Counts(int words, int characters) {
    }

    @Override
    public Counts apply(Text input) {
        String text = input.text() == null ? "" : input.text();
        String trimmed = text.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        return new Counts(words, text.length());
    }
}
