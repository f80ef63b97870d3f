package io.dno.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server answers with an OpenAI error object ({@code {"error": {"message", "type", "param",
 * "code"}}}) and HTTP status {@code status}. Thrown by validation and admission; the router turns it into the
 * response.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public ApiError(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400: the request is malformed or a field has a wrong type or value; {@code param} names the field. */
    public static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, null, message);
    }

    /** 400: a known OpenAI field this server does not implement was set to a non-default value. */
    public static ApiError unsupported(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, "unsupported_parameter", message);
    }

    public int status() {
        return status;
    }

    /** The body: {@code {"error": {...}}}. */
    public ObjectNode toJson() {
        ObjectNode root = Wire.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }
}
