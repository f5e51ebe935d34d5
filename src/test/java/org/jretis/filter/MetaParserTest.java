package org.jretis.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jretis.filter.MetaExpression.Join;
import org.jretis.filter.MetaExpression.Step;
import org.jretis.filter.MetaExpression.Term;
import org.junit.jupiter.api.Test;

class MetaParserTest {

    @Test
    void termWithStringValue() throws Exception {
        assertThat(MetaParser.parse("sk_buff.dev.name == 'eth0'")).isEqualTo(new Term(
                List.of(new Step("dev", null, null), new Step("name", null, null)), "==", "eth0"));
        assertThat(MetaParser.parse("sk_buff.dev.name!=\"lo\"")).isEqualTo(new Term(
                List.of(new Step("dev", null, null), new Step("name", null, null)), "!=", "lo"));
    }

    @Test
    void numbersInEveryBase() throws Exception {
        assertThat(((Term) MetaParser.parse("sk_buff.mark == 0x10")).value()).isEqualTo(16L);
        assertThat(((Term) MetaParser.parse("sk_buff.mark == 0b101")).value()).isEqualTo(5L);
        assertThat(((Term) MetaParser.parse("sk_buff.mark >= 42")).value()).isEqualTo(42L);
        assertThat(((Term) MetaParser.parse("sk_buff.skb_iif < -1")).value()).isEqualTo(-1L);
    }

    @Test
    void noOperatorMeansNotZero() throws Exception {
        assertThat(MetaParser.parse("sk_buff.mark")).isEqualTo(new Term(List.of(new Step("mark", null, null)), "!=", 0L));
    }

    @Test
    void maskInvertedMaskAndCast() throws Exception {
        assertThat(MetaParser.parse("sk_buff._nfct:~0x7:nf_conn.mark == 3")).isEqualTo(new Term(
                List.of(new Step("_nfct", ~7L, "nf_conn"), new Step("mark", null, null)), "==", 3L));
        assertThat(((Term) MetaParser.parse("sk_buff.mark:0xff == 1")).steps().getFirst().mask()).isEqualTo(0xffL);
    }

    @Test
    void andOrOneLevelLeftToRightWithParentheses() throws Exception {
        Term a = new Term(List.of(new Step("a", null, null)), "!=", 0L);
        Term b = new Term(List.of(new Step("b", null, null)), "!=", 0L);
        Term c = new Term(List.of(new Step("c", null, null)), "!=", 0L);
        assertThat(MetaParser.parse("sk_buff.a or sk_buff.b and sk_buff.c"))
                .isEqualTo(new Join(true, new Join(false, a, b), c));
        assertThat(MetaParser.parse("sk_buff.a || (sk_buff.b && sk_buff.c)"))
                .isEqualTo(new Join(false, a, new Join(true, b, c)));
        assertThat(MetaParser.parse("\tsk_buff.a  and\tsk_buff.b")).isEqualTo(new Join(true, a, b));
    }

    @Test
    void errorsSayWhereAndStartWithMetaFilter() {
        assertThatThrownBy(() -> MetaParser.parse("skb.mark == 1")).hasMessage(
                "meta filter: expressions must start with sk_buff, not 'skb' at column 4 of 'skb.mark == 1'");
        assertThatThrownBy(() -> MetaParser.parse("sk_buff == 1")).hasMessageStartingWith("meta filter: sk_buff needs a field");
        assertThatThrownBy(() -> MetaParser.parse("sk_buff.mark == ")).hasMessage(
                "meta filter: expected a number at the end of 'sk_buff.mark == '");
        assertThatThrownBy(() -> MetaParser.parse("sk_buff.dev.name == 'eth0")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> MetaParser.parse("(sk_buff.mark")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> MetaParser.parse("sk_buff.mark = 1")).hasMessageContaining("unexpected '= 1'");
        assertThatThrownBy(() -> MetaParser.parse("sk_buff.1mark")).hasMessageContaining("expected a name");
    }
}
