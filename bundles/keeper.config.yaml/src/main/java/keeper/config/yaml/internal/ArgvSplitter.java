package keeper.config.yaml.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would, minus everything that runs code or
 * touches the file system: whitespace separates words, {@code '...'} is literal, {@code "..."} keeps
 * whitespace and honours {@code \"}, {@code \\}, {@code \$} and {@code \`}, and a backslash outside
 * quotes takes the next character literally. No variables, globs, pipes or redirections: a child that
 * wants them sets {@code shell: true}.
 */
final class ArgvSplitter {

    private final String command;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private int at;

    private ArgvSplitter(String command) {
        this.command = command;
    }

    /** The words of {@code command}; throws with a message for a person when a quote is left open. */
    static List<String> split(String command) {
        return new ArgvSplitter(command).words();
    }

    private List<String> words() {
        while (at < command.length()) {
            char c = command.charAt(at++);
            if (Character.isWhitespace(c)) {
                endWord();
            } else if (c == '\'') {
                singleQuoted();
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '\\') {
                escaped(next("a backslash at the end escapes nothing"));
            } else {
                append(c);
            }
        }
        endWord();
        return List.copyOf(words);
    }

    private void singleQuoted() {
        int opened = at - 1;
        inWord = true;
        int close = command.indexOf('\'', at);
        if (close < 0) {
            throw unterminated('\'', opened);
        }
        word.append(command, at, close);
        at = close + 1;
    }

    private void doubleQuoted() {
        int opened = at - 1;
        inWord = true;
        while (true) {
            if (at >= command.length()) {
                throw unterminated('"', opened);
            }
            char c = command.charAt(at++);
            if (c == '"') {
                return;
            }
            if (c == '\\' && at < command.length() && command.charAt(at) == '\n') {
                at++;
            } else if (c == '\\' && at < command.length() && "\"\\$`".indexOf(command.charAt(at)) >= 0) {
                word.append(command.charAt(at++));
            } else {
                word.append(c);
            }
        }
    }

    private char next(String whenMissing) {
        if (at >= command.length()) {
            throw new IllegalArgumentException(whenMissing);
        }
        return command.charAt(at++);
    }

    /** A backslash keeps the next character, except that backslash-newline joins lines, as in sh. */
    private void escaped(char c) {
        if (c != '\n') {
            append(c);
        }
    }

    private void append(char c) {
        inWord = true;
        word.append(c);
    }

    private void endWord() {
        if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
    }

    private static IllegalArgumentException unterminated(char quote, int opened) {
        return new IllegalArgumentException("the quote " + quote + " opened at character " + (opened + 1)
                + " is never closed");
    }
}
