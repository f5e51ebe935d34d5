package org.jretis.filter;

import java.util.ArrayList;
import java.util.List;

/** Parses a meta filter expression into a {@link MetaExpression}; errors start with "meta filter: ". */
final class MetaParser {
    private static final List<String> OPERATORS = List.of("==", "!=", ">=", "<=", ">", "<");
    private final String text;
    private int at;

    private MetaParser(String text) {
        this.text = text;
    }

    static MetaExpression parse(String text) throws FilterException {
        MetaParser parser = new MetaParser(text);
        MetaExpression expression = parser.expression();
        parser.skipBlanks();
        if (parser.at < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.at) + "'");
        }
        return expression;
    }

    /** Terms joined by and/or: one precedence level, left to right. */
    private MetaExpression expression() throws FilterException {
        MetaExpression left = operand();
        while (true) {
            if (accept("&&") || acceptWord("and")) {
                left = new MetaExpression.Join(true, left, operand());
            } else if (accept("||") || acceptWord("or")) {
                left = new MetaExpression.Join(false, left, operand());
            } else {
                return left;
            }
        }
    }

    private MetaExpression operand() throws FilterException {
        if (accept("(")) {
            MetaExpression inner = expression();
            if (!accept(")")) {
                throw error("missing ')'");
            }
            return inner;
        }
        return term();
    }

    private MetaExpression term() throws FilterException {
        String root = identifier();
        if (!root.equals("sk_buff")) {
            throw error("expressions must start with sk_buff, not '" + root + "'");
        }
        List<MetaExpression.Step> steps = new ArrayList<>();
        while (accept(".")) {
            String field = identifier();
            Long mask = null;
            String cast = null;
            if (accept(":")) {
                boolean invert = accept("~");
                mask = number(false);
                mask = invert ? ~mask : mask;
                if (accept(":")) {
                    cast = identifier();
                }
            }
            steps.add(new MetaExpression.Step(field, mask, cast));
        }
        if (steps.isEmpty()) {
            throw error("sk_buff needs a field, e.g. sk_buff.mark");
        }
        for (String op : OPERATORS) {
            if (accept(op)) {
                return new MetaExpression.Term(steps, op, value());
            }
        }
        return new MetaExpression.Term(steps, "!=", 0L);
    }

    private Object value() throws FilterException {
        skipBlanks();
        if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
            char quote = text.charAt(at);
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(at + 1, end);
            at = end + 1;
            return value;
        }
        return number(true);
    }

    private long number(boolean signed) throws FilterException {
        skipBlanks();
        boolean negative = signed && accept("-");
        int start = at;
        int radix = 10;
        if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
            radix = 16;
            at += 2;
        } else if (text.startsWith("0b", at) || text.startsWith("0B", at)) {
            radix = 2;
            at += 2;
        }
        int digits = at;
        while (at < text.length() && Character.digit(text.charAt(at), radix) >= 0) {
            at++;
        }
        if (at == digits) {
            at = start;
            throw error("expected a number");
        }
        try {
            long value = Long.parseUnsignedLong(text.substring(digits, at), radix);
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw error("number too large: " + text.substring(start, at));
        }
    }

    private String identifier() throws FilterException {
        skipBlanks();
        int start = at;
        if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
        }
        if (at == start) {
            throw error("expected a name");
        }
        return text.substring(start, at);
    }

    private boolean accept(String token) {
        skipBlanks();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        skipBlanks();
        int end = at + word.length();
        if (text.startsWith(word, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private void skipBlanks() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private FilterException error(String message) {
        String where = at < text.length() ? " at column " + (at + 1) : " at the end";
        return new FilterException("meta filter: " + message + where + " of '" + text + "'");
    }
}
