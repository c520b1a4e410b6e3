package io.skysync.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration of the API, strict on input. {@code malformed_json}: invalid UTF-8,
 * syntax errors, nesting deeper than {@value #MAX_NESTING_DEPTH}, duplicate keys, huge strings or
 * numbers, trailing content. {@code invalid_request}: unknown fields, numbers sent as strings,
 * floats for integers, wrong types, a {@code null} body.
 */
public final class ApiJson {
    /** Deep enough for every request shape, shallow enough that a nesting bomb fails fast. */
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    private static final ObjectMapper MAPPER = build();

    private ApiJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new SkysyncException(ErrorCode.MALFORMED_JSON, "the request body is empty; expected a JSON object");
        }
        String text = strictUtf8(body);
        checkSyntax(text);
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST, "the request body is null; expected a JSON object");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof SkysyncException domain) {
                throw domain;
            }
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "invalid request: " + firstLine(e.getOriginalMessage()), e);
        } catch (UnrecognizedPropertyException e) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "unknown field \"" + e.getPropertyName() + "\"", e);
        } catch (MismatchedInputException e) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                    "invalid request: wrong type or shape at " + pathOf(e), e);
        } catch (StreamReadException e) {
            throw new SkysyncException(ErrorCode.MALFORMED_JSON, "malformed JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new SkysyncException(ErrorCode.MALFORMED_JSON, "malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259). Decoding strictly first refuses invalid bytes, and parsing
     * the decoded text stops Jackson from guessing UTF-16 or UTF-32 from the first bytes.
     */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SkysyncException(ErrorCode.MALFORMED_JSON, "malformed JSON: the body is not valid UTF-8", e);
        }
    }

    /**
     * A streaming pass over the whole document before binding, so that syntax errors, nesting
     * bombs, duplicate keys and trailing tokens are {@code malformed_json} wherever they sit, even
     * where binding would have stopped earlier at a shape error ({@code invalid_request}).
     */
    private static void checkSyntax(String text) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            if (parser.nextToken() == null) {
                throw new SkysyncException(ErrorCode.MALFORMED_JSON, "the request body is empty; expected a JSON object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new SkysyncException(ErrorCode.MALFORMED_JSON,
                        "malformed JSON: trailing content after the JSON value; send exactly one object");
            }
        } catch (JsonProcessingException e) {
            throw new SkysyncException(ErrorCode.MALFORMED_JSON, "malformed JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new SkysyncException(ErrorCode.MALFORMED_JSON, "malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(32)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                // A number or boolean where a string belongs (a path sent as 7) is a wrong type, not "7".
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    private static String pathOf(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        return path.isEmpty() ? "the top level" : "\"" + path + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
