package org.jretis.filter;

import java.util.List;

/** A parsed meta filter (§6 of the reference): terms on sk_buff fields joined by and/or. */
sealed interface MetaExpression {

    /** {@code left and right} or {@code left or right}, short-circuit. */
    record Join(boolean and, MetaExpression left, MetaExpression right) implements MetaExpression {}

    /**
     * {@code sk_buff.a.b op value}; without an operator, {@code != 0}.
     *
     * @param steps the fields after {@code sk_buff}
     * @param op    one of == != >= <= > <
     * @param value a {@link Long} or a {@link String}
     */
    record Term(List<Step> steps, String op, Object value) implements MetaExpression {}

    /**
     * One {@code .field}, optionally {@code :mask} (already inverted for {@code ~}) and then
     * {@code :type_name} to read the masked value as a pointer to that struct.
     */
    record Step(String field, Long mask, String cast) {}
}
