package io.dno.cli.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code data} section: JSON Lines files. Prompts: {@code {"id", "text"}} per line; demonstrations:
 * {@code {"prompt": {...}, "response": "..."}}; pairs: dno preference pairs ({@code dno pairs} writes them).
 */
public record DataConfig(@JsonProperty("prompts") String prompts,
                         @JsonProperty("evaluation") String evaluation,
                         @JsonProperty("validation") String validation,
                         @JsonProperty("demonstrations") String demonstrations,
                         @JsonProperty("pairs") String pairs) {}
