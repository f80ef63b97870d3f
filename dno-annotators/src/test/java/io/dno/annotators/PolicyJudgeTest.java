package io.dno.annotators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.annotators.chat.PolicyChat;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Rubric;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.Policy;
import io.dno.core.policy.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A local policy as the judge (self-rewarding): the same prompt and parser as the HTTP judge. */
class PolicyJudgeTest {

    /** A policy that reads the rendered judge prompt and answers like an honest judge; records its prompts. */
    private static final class JudgingPolicy implements Policy {
        final List<String> seen = new ArrayList<>();
        SamplingParams lastParams;

        @Override
        public List<List<Response>> generate(List<Prompt> prompts, SamplingParams params) {
            lastParams = params;
            List<List<Response>> out = new ArrayList<>();
            for (Prompt p : prompts) {
                seen.add(p.text());
                ObjectNode request = new ObjectMapper().createObjectNode();
                request.putArray("messages").addObject().put("role", "system").put("content", p.text());
                ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("messages")).addObject()
                        .put("role", "user").put("content", p.text());
                out.add(List.of(Response.student(p.id(), "My verdict: " + HonestJudge.reply(request))));
            }
            return out;
        }

        @Override
        public void close() {}
    }

    @Test
    void aPolicyJudgesThroughThePlainChatRendering() {
        JudgingPolicy policy = new JudgingPolicy();
        ListwiseJudge judge = Annotators.judge(new PolicyChat(policy, "tiny", PolicyChat.plain(),
                SamplingParams.greedy(256)), Rubric.additive6(), true, 0);
        Prompt prompt = Candidates.prompt("self");
        Judgement j = judge.judge(prompt, Candidates.six(prompt));
        assertEquals(6, j.scored().size());
        j.scored().forEach(s -> assertEquals(HonestJudge.worth(s.text()), s.score(), 0.0));
        assertEquals(2, policy.seen.size(), "two passes");
        assertTrue(policy.seen.get(0).startsWith("System: Review the user's question"));
        assertTrue(policy.seen.get(0).endsWith("\n\nAssistant:"));
        assertEquals(1, policy.lastParams.n());
        assertEquals(0.0, policy.lastParams.temperature());
        assertEquals(15.0, judge.counters().get("position_swap_agreements"), "an honest judge has no position bias");
        assertTrue(judge.name().startsWith("listwise-judge(policy(tiny, max_new_tokens=256"), judge.name());
    }
}
