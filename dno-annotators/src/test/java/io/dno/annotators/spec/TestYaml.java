package io.dno.annotators.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dno.core.io.Json;

/** Specs read from YAML as run.yaml's sections are (dno-cli reads the file with the same strict settings). */
public final class TestYaml {
    private static final ObjectMapper MAPPER = Json.strict(YAMLMapper.builder().build());

    private TestYaml() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
