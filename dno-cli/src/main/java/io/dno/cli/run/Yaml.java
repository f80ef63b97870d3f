package io.dno.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dno.core.io.Json;

/** The YAML reader of run configurations, as strict as dno's JSON files (only the command-line tool reads YAML). */
public final class Yaml {
    private static final ObjectMapper MAPPER = Json.strict(YAMLMapper.builder().build());

    private Yaml() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
