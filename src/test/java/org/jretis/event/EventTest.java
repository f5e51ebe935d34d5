package org.jretis.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {

    /** Event.copy lists the sections by hand: a section added to Event and not to copy fails here. */
    @Test
    void copyKeepsEverySection() throws ReflectiveOperationException {
        Event event = new Event();
        List<Field> fields = Arrays.stream(Event.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).toList();
        for (Field field : fields) {
            if (Modifier.isFinal(field.getModifiers())) {
                assertThat(field.getName()).as("a final field of Event this test cannot fill").isEqualTo("others");
            } else {
                field.set(event, section(field.getType()));
            }
        }
        event.others.put("ovs", JsonNodeFactory.instance.objectNode());

        Event copy = event.copy();

        for (Field field : fields) {
            if (field.getName().equals("others")) {
                assertThat(copy.others).isEqualTo(event.others).isNotSameAs(event.others);
            } else {
                assertThat(field.get(copy)).as(field.getName()).isNotNull().isSameAs(field.get(event));
            }
        }
    }

    /** A section record with zero, false and null components. */
    private static Object section(Class<?> type) throws ReflectiveOperationException {
        assertThat(type.isRecord()).as(type + " is a section record").isTrue();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = Array.get(Array.newInstance(types[i], 1), 0); // the type's default value
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }
}
