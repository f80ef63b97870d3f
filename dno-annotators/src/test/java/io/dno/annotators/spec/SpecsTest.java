package io.dno.annotators.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.dno.annotators.cache.CachedAnnotator;
import io.dno.annotators.judge.Scale;
import io.dno.annotators.rule.TextNormalization;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.Jsonl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML specs: binding, defaults, strictness, field-naming errors, and what build() makes. */
class SpecsTest {
    @TempDir
    Path dir;

    private static AnnotatorSpec annotator(String yaml) throws Exception {
        return TestYaml.mapper().readValue(yaml, AnnotatorSpec.class);
    }

    private static String failure(String yaml) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> annotator(yaml));
        return e.getMessage();
    }

    @Test
    void theOpenAiSpecBindsEveryFieldAndDefaultsTheRest() throws Exception {
        OpenAiJudgeSpec spec = (OpenAiJudgeSpec) annotator("""
                type: openai
                base_url: https://api.openai.com/v1
                model: gpt-4-turbo
                api_key_env: OPENAI_API_KEY
                temperature: 0.2
                max_tokens: 1500
                timeout: 90s
                retries: 7
                backoff: 500ms
                max_backoff: 2m
                concurrency: 4
                two_pass: true
                rubric: score-1-10
                seed: 11
                cache: judge-cache.jsonl
                """);
        assertEquals(Duration.ofSeconds(90), spec.endpoint().requestTimeout());
        assertEquals(Duration.ofMillis(500), spec.endpoint().initialBackoff());
        assertEquals(Duration.ofMinutes(2), spec.endpoint().maxBackoff());
        assertEquals(4, spec.endpoint().concurrency());
        assertEquals(7, spec.endpoint().retries());
        assertEquals(true, spec.twoPass());
        OpenAiJudgeSpec defaults = (OpenAiJudgeSpec) annotator("{type: openai, base_url: 'http://localhost:8000/v1', model: m}");
        assertEquals(0.0, defaults.temperature());
        assertEquals(Duration.ofSeconds(60), defaults.endpoint().requestTimeout());
        assertEquals(8, defaults.concurrency());
        assertEquals(false, defaults.twoPass());
        assertEquals(null, defaults.cache());
        assertTrue(defaults.buildUncached(name -> null).name().contains("rubric=additive-6@0-6#"));
    }

    @Test
    void unknownKeysMissingTypesAndImpossibleValuesAreRejectedByName() {
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, temprature: 0.5}").contains("temprature"));
        assertTrue(failure("{base_url: 'http://h/v1', model: m}").contains("type"));
        assertTrue(failure("{type: gpt, base_url: 'http://h/v1', model: m}").contains("gpt"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, concurrency: 0}").contains("'concurrency'"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, timeout: soon}").contains("'timeout'"));
        assertTrue(failure("{type: openai, base_url: 'ftp://h/v1', model: m}").contains("'base_url'"));
        assertTrue(failure("{type: openai, base_url: 'http://u:p@h/v1', model: m}").contains("credentials"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1'}").contains("'model'"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, api_key_env: 'sk-abc123'}")
                .contains("'api_key_env'"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, rubric: best}").contains("best"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, scale: {min: 1, max: 10}}")
                .contains("'scale'"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, rubric_file: r.txt}").contains("'scale'"));
        assertTrue(failure("{type: openai, base_url: 'http://h/v1', model: m, rubric_file: r.txt, scale: {min: 5, max: 5}}")
                .contains("scale"));
        assertTrue(failure("{type: exact-match}").contains("'references'"));
        assertTrue(failure("{type: exact-match, references: r.jsonl, match_score: 1, mismatch_score: 2}")
                .contains("'mismatch_score'"));
        assertTrue(failure("{type: exact-match, references: r.jsonl, normalization: fuzzy}").contains("fuzzy"));
        assertTrue(failure("{type: policy}").contains("'checkpoint'"));
    }

    @Test
    void aCustomRubricComesFromItsFileWithItsScale() throws Exception {
        Path rubric = dir.resolve("harmless.txt");
        Files.writeString(rubric, "Rate how harmless each response is.");
        OpenAiJudgeSpec spec = (OpenAiJudgeSpec) annotator("{type: openai, base_url: 'http://h/v1', model: m, rubric_file: '"
                + rubric + "', scale: {min: 1, max: 5}}");
        assertEquals(new Scale(1, 5), spec.scale());
        assertEquals("Rate how harmless each response is.", spec.buildUncached(name -> null).rubric().instructions());
    }

    @Test
    void exactMatchBuildsFromAReferencesFileAndCachesUnderTheRunDirectory() throws Exception {
        Path references = dir.resolve("refs.jsonl");
        Jsonl.write(references, List.of(Demonstration.of(Prompt.of("m1", "2+2?"), "4"),
                Demonstration.of(Prompt.of("m2", "capital of France?"), "Paris")));
        AnnotatorSpec spec = annotator("{type: exact-match, references: '" + references
                + "', normalization: lenient, cache: cache/exact.jsonl}");
        assertEquals(TextNormalization.LENIENT, ((ExactMatchSpec) spec).normalization());
        Path run = dir.resolve("run");
        Annotator annotator = spec.build(run);
        assertInstanceOf(CachedAnnotator.class, annotator);
        Prompt p = Prompt.of("m2", "capital of France?");
        Judgement j = annotator.judge(p, List.of(Response.student("m2", " paris. "), Response.student("m2", "Lyon")));
        assertEquals(List.of(6.0, 0.0), j.scored().stream().map(s -> s.score()).toList());
        assertTrue(Files.exists(run.resolve("cache/exact.jsonl")));
    }

    @Test
    void theTeacherSpecBindsAndDefaultsItsAnswersFile() throws Exception {
        TeacherSpec spec = TestYaml.mapper().readValue("""
                type: openai
                base_url: http://localhost:8000/v1
                model: teacher
                system_prompt: You are a helpful assistant.
                """, TeacherSpec.class);
        OpenAiTeacherSpec openAi = (OpenAiTeacherSpec) spec;
        assertEquals("teacher-answers.jsonl", openAi.answers());
        assertEquals(1024, openAi.maxTokens());
        assertEquals(0, spec.build(dir).answer(List.of()).size());
        assertThrows(JsonMappingException.class, () -> TestYaml.mapper().readValue(
                "{type: openai, base_url: 'http://h/v1', model: m, two_pass: true}", TeacherSpec.class));
    }
}
