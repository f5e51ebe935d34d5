package org.jretis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRequirementTest {

    @Test
    void comparisonsAreAllDue() {
        VersionRequirement range = VersionRequirement.parse(">=3.5.5, <6");
        assertThat(range.matches("5.14.0-362.el9.x86_64")).isTrue();
        assertThat(range.matches("6.0")).isFalse();
        assertThat(range.matches("3.5.4")).isFalse();
        assertThat(VersionRequirement.parse(">4.6.1").matches("6.18.44-fc-v657")).isTrue();
        assertThat(VersionRequirement.parse("=4.6.1").matches("4.6.1")).isTrue();
        assertThat(VersionRequirement.parse("!=4.6").matches("4.6.0")).isFalse();
        assertThat(VersionRequirement.parse("<=6.18.44").matches("6.18.44-fc")).isTrue();
    }

    @Test
    void badRequirementsAreRefused() {
        assertThatThrownBy(() -> VersionRequirement.parse("~6")).isInstanceOf(ProfileException.class);
        assertThatThrownBy(() -> VersionRequirement.parse(">=x")).hasMessage("invalid version `>=x`");
    }
}
