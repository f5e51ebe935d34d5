package org.jretis.event.json;

/**
 * A modelled section whose fields are not the ones we model (an older layout, a newer Retis):
 * the decoder then keeps that section as raw JSON. Carries no stack trace: it is flow control.
 */
final class SectionShapeException extends Exception {
    final String section;

    SectionShapeException(String section) {
        super(section, null, false, false);
        this.section = section;
    }
}
