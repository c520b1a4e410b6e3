package io.skysync.client.scan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One {@code .skysyncignore} pattern, matched in time linear in the path (times the pattern's
 * length) whatever the pattern: it is run as a set of positions in the pattern (a Thompson NFA),
 * never by backtracking, because the file syncs to every device and a hostile one could otherwise
 * stall them all. Supports {@code *} and {@code ?} (not across {@code /}), {@code [...]} and
 * {@code [!...]} (also {@code [^...]}) with ranges, {@code \} escapes, and {@code **} as a whole
 * segment: {@code **}{@code /} at the start or after a {@code /} is any number of folders (none
 * included), a trailing {@code **} is everything below.
 */
final class Glob {
    private sealed interface Token permits Literal, AnyOne, CharClass, Star, AnyFolders, Everything {
    }

    private record Literal(char c) implements Token {
    }

    private record AnyOne() implements Token {
    }

    private record CharClass(List<char[]> ranges, boolean negated) implements Token {
        boolean accepts(char c) {
            boolean in = ranges.stream().anyMatch(r -> c >= r[0] && c <= r[1]);
            return in != negated;
        }
    }

    /** Any characters but {@code /}. */
    private record Star() implements Token {
    }

    /** {@code (folder/)*}: empty, or anything that ends with {@code /}. */
    private record AnyFolders() implements Token {
    }

    /** Anything, {@code /} included. */
    private record Everything() implements Token {
    }

    private final List<Token> tokens;

    private Glob(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /**
     * @throws IllegalArgumentException with the reason, for a pattern that cannot mean anything
     *                                  (a backwards range such as {@code [z-a]}, a trailing {@code \})
     */
    static Glob compile(String glob) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                if (doubleStar && atStart && i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    out.add(new AnyFolders());
                    i += 3;
                } else if (doubleStar && atStart && i + 2 == glob.length()) {
                    out.add(new Everything());
                    i += 2;
                } else {
                    out.add(new Star());
                    i += doubleStar ? 2 : 1;
                }
            } else if (c == '?') {
                out.add(new AnyOne());
                i++;
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                i = charClass(glob, i, out);
            } else if (c == '\\') {
                if (i + 1 >= glob.length()) {
                    throw new IllegalArgumentException("it ends with a lone \\ (escape nothing)");
                }
                out.add(new Literal(glob.charAt(i + 1)));
                i += 2;
            } else {
                out.add(new Literal(c));
                i++;
            }
        }
        return new Glob(out);
    }

    /** Reads {@code [...]} from {@code open}; answers the index after its {@code ]}. */
    private static int charClass(String glob, int open, List<Token> out) {
        int i = open + 1;
        boolean negated = glob.charAt(i) == '!' || glob.charAt(i) == '^';
        if (negated) {
            i++;
        }
        List<char[]> ranges = new ArrayList<>();
        boolean first = true;
        while (i < glob.length() && (glob.charAt(i) != ']' || first)) {
            char lo = classChar(glob, i);
            i = afterClassChar(glob, i);
            char hi = lo;
            if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
                hi = classChar(glob, i + 1);
                i = afterClassChar(glob, i + 1);
                if (hi < lo) {
                    throw new IllegalArgumentException("the range " + lo + "-" + hi + " is backwards");
                }
            }
            ranges.add(new char[] {lo, hi});
            first = false;
        }
        if (i >= glob.length()) {
            out.add(new Literal('['));
            return open + 1;
        }
        out.add(new CharClass(ranges, negated));
        return i + 1;
    }

    private static char classChar(String glob, int i) {
        return glob.charAt(i) == '\\' && i + 1 < glob.length() ? glob.charAt(i + 1) : glob.charAt(i);
    }

    private static int afterClassChar(String glob, int i) {
        return glob.charAt(i) == '\\' && i + 1 < glob.length() ? i + 2 : i + 1;
    }

    /**
     * Whether the whole of {@code path} matches. States: {@code 2k} is "at token k"; {@code 2k+1}
     * is "inside the folders of an {@link AnyFolders} at k, in the middle of a name" (it may only
     * end after a {@code /}).
     */
    boolean matches(String path) {
        int n = tokens.size();
        BitSet current = new BitSet(2 * n + 2);
        BitSet next = new BitSet(2 * n + 2);
        current.set(0);
        close(current);
        for (int at = 0; at < path.length() && !current.isEmpty(); at++) {
            char c = path.charAt(at);
            next.clear();
            for (int state = current.nextSetBit(0); state >= 0; state = current.nextSetBit(state + 1)) {
                step(state, c, next);
            }
            close(next);
            BitSet read = current;
            current = next;
            next = read;
        }
        return current.get(2 * n);
    }

    private void step(int state, char c, BitSet next) {
        int k = state / 2;
        if (k >= tokens.size()) {
            return;
        }
        Token token = tokens.get(k);
        boolean slash = c == '/';
        if (token instanceof Literal literal) {
            if (literal.c() == c) {
                next.set(2 * (k + 1));
            }
        } else if (token instanceof AnyOne) {
            if (!slash) {
                next.set(2 * (k + 1));
            }
        } else if (token instanceof CharClass chars) {
            if (!slash && chars.accepts(c)) {
                next.set(2 * (k + 1));
            }
        } else if (token instanceof Star) {
            if (!slash) {
                next.set(2 * k);
            }
        } else if (token instanceof AnyFolders) {
            next.set(slash ? 2 * k : 2 * k + 1);
        } else {
            next.set(2 * k);
        }
    }

    /** Adds what is reachable without reading a character: skipping a star, no folders, or nothing more. */
    private void close(BitSet states) {
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            if (states.get(2 * k) && (token instanceof Star || token instanceof AnyFolders || token instanceof Everything)) {
                states.set(2 * (k + 1));
            }
        }
    }
}
