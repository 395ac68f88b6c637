package cn.carecircle.api.common;

import cn.carecircle.api.contract.model.FieldErrorDto;
import cn.carecircle.api.contract.model.ProblemDto;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.CodecException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error path: every failure of a request, from the filters to the handlers, becomes an RFC 9457
 * problem response. 4xx outcomes are the caller's and are not logged (their messages may echo input); 5xx
 * are logged without the request body.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /**
     * Fields whose values are personal data, or a device's push token: a problem names them but never echoes what
     * was sent.
     */
    private static final Set<String> PERSONAL_FIELDS = Set.of(
            "name", "displayName", "idNumber", "elderIdNumber", "phone", "address", "location", "lat", "lon", "token");

    /** PostgreSQL's lock-not-available (lock_timeout) and query-cancelled (statement_timeout) states. */
    private static final java.util.Set<String> BUSY_STATES = java.util.Set.of("55P03", "57014");

    private final JsonMapper json;

    ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDto problem = toProblem(ex);
        problem.setInstance(exchange.getRequest().getPath().value());
        if (problem.getStatus() == 503) {
            log.warn(
                    "request shed under load: {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value());
            exchange.getResponse().getHeaders().set("Retry-After", "1");
        } else if (problem.getStatus() >= 500) {
            log.error(
                    "request failed: {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    ex);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(PROBLEM_JSON);
        if (ex instanceof MethodNotAllowedException notAllowed) {
            response.getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        byte[] body = json.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    ProblemDto toProblem(Throwable ex) {
        if (ex instanceof ApiException api) {
            return problem(api.type(), api.getMessage(), api.violations());
        }
        if (ex instanceof WebExchangeBindException bind) {
            return bindProblem(bind);
        }
        if (ex instanceof HandlerMethodValidationException hmv) {
            return methodValidationProblem(hmv);
        }
        if (ex instanceof ConstraintViolationException cve) {
            return constraintProblem(cve);
        }
        if (ex instanceof UnsupportedMediaTypeStatusException media) {
            return problem(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content type " + media.getContentType() + " is not supported; send application/json",
                    List.of());
        }
        if (ex instanceof MethodNotAllowedException m) {
            return problem(
                    ProblemType.METHOD_NOT_ALLOWED, "Method " + m.getHttpMethod() + " is not allowed here", List.of());
        }
        if (ex instanceof NotAcceptableStatusException) {
            return problem(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json", List.of());
        }
        if (ex instanceof ServerWebInputException input) {
            return inputProblem(input);
        }
        if (ex instanceof DuplicateKeyException) {
            return problem(ProblemType.DUPLICATE, "This record already exists", List.of());
        }
        if (ex instanceof ResponseStatusException rse) {
            return statusProblem(rse);
        }
        io.r2dbc.spi.R2dbcException r2dbc = find(ex, io.r2dbc.spi.R2dbcException.class);
        if (r2dbc != null && BUSY_STATES.contains(r2dbc.getSqlState())) {
            // a lock or statement time-out under load: nothing was written; the request may be sent again
            return problem(ProblemType.SERVICE_UNAVAILABLE, "Busy; please try again in a moment", List.of());
        }
        return problem(ProblemType.INTERNAL, "The failure was logged; please try again later", List.of());
    }

    private ProblemDto statusProblem(ResponseStatusException rse) {
        int status = rse.getStatusCode().value();
        if (status == 404) {
            return problem(ProblemType.NOT_FOUND, "No such resource", List.of());
        }
        if (status == 413) {
            return problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large", List.of());
        }
        if (status >= 500) {
            return problem(ProblemType.INTERNAL, "The failure was logged; please try again later", List.of());
        }
        ProblemDto p = problem(ProblemType.MALFORMED_REQUEST, rse.getReason(), List.of());
        p.setStatus(status);
        return p;
    }

    private ProblemDto bindProblem(WebExchangeBindException bind) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError fe : bind.getFieldErrors()) {
            violations.add(new FieldViolation(
                    fe.getField(),
                    rule(fe.getCode()),
                    fe.getDefaultMessage() == null ? "is invalid" : fe.getDefaultMessage(),
                    rejected(fe.getField(), fe.getRejectedValue())));
        }
        bind.getGlobalErrors()
                .forEach(ge -> violations.add(FieldViolation.of(
                        ge.getObjectName(), rule(ge.getCode()), String.valueOf(ge.getDefaultMessage()))));
        return problem(ProblemType.VALIDATION_FAILED, countDetail(violations.size()), violations);
    }

    private ProblemDto methodValidationProblem(HandlerMethodValidationException hmv) {
        List<FieldViolation> violations = new ArrayList<>();
        hmv.getParameterValidationResults().forEach(result -> {
            String field = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String[] codes = error.getCodes();
                String code = codes == null || codes.length == 0 ? null : codes[codes.length - 1];
                violations.add(new FieldViolation(
                        field == null ? "parameter" : field,
                        rule(code),
                        error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage(),
                        rejected(field, result.getArgument())));
            }
        });
        return problem(ProblemType.VALIDATION_FAILED, countDetail(violations.size()), violations);
    }

    private ProblemDto constraintProblem(ConstraintViolationException cve) {
        List<FieldViolation> violations = cve.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
                    String annotation = v.getConstraintDescriptor()
                            .getAnnotation()
                            .annotationType()
                            .getSimpleName();
                    return new FieldViolation(
                            field, rule(annotation), v.getMessage(), rejected(field, v.getInvalidValue()));
                })
                .toList();
        return problem(ProblemType.VALIDATION_FAILED, countDetail(violations.size()), violations);
    }

    private ProblemDto inputProblem(ServerWebInputException input) {
        if (input instanceof MissingRequestValueException missing) {
            return problem(
                    ProblemType.VALIDATION_FAILED,
                    "1 field is invalid",
                    List.of(FieldViolation.of(missing.getName(), "required", "must be present")));
        }
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            String field = input.getMethodParameter() != null
                    ? input.getMethodParameter().getParameterName()
                    : mismatch.getPropertyName();
            String type = mismatch.getRequiredType() == null
                    ? "value"
                    : mismatch.getRequiredType().getSimpleName();
            return problem(
                    ProblemType.VALIDATION_FAILED,
                    "1 field is invalid",
                    List.of(new FieldViolation(
                            field == null ? "parameter" : field,
                            "type",
                            "must be a valid " + ("UUID".equals(type) ? "UUID" : type),
                            rejected(field, mismatch.getValue()))));
        }
        if (input.getReason() != null && input.getReason().contains("body is missing")) {
            return problem(ProblemType.MALFORMED_REQUEST, "A JSON request body is required", List.of());
        }
        JacksonException jackson = find(input, JacksonException.class);
        if (jackson != null) {
            return jacksonProblem(jackson);
        }
        if (find(input, CodecException.class) != null) {
            return problem(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON", List.of());
        }
        return problem(ProblemType.MALFORMED_REQUEST, "The request could not be read", List.of());
    }

    private ProblemDto jacksonProblem(JacksonException ex) {
        String field = path(ex);
        if (ex instanceof StreamReadException || field.isEmpty()) {
            return problem(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON", List.of());
        }
        FieldViolation violation;
        if (ex instanceof UnrecognizedPropertyException) {
            violation = FieldViolation.of(field, "unknown-field", "is not a field of this request");
        } else if (ex instanceof ValueInstantiationException vie && isEnum(vie.getType())) {
            violation = enumViolation(field, vie.getType().getRawClass());
        } else if (ex instanceof InvalidFormatException ife) {
            Class<?> target = ife.getTargetType();
            violation = target != null && target.isEnum()
                    ? enumViolation(field, target)
                    : new FieldViolation(
                            field, "type", "must be a valid " + typeName(target), rejected(field, ife.getValue()));
        } else if (ex instanceof MismatchedInputException mie) {
            violation = FieldViolation.of(field, "type", "must be a valid " + typeName(mie.getTargetType()));
        } else if (ex instanceof DatabindException) {
            violation = FieldViolation.of(field, "type", "has the wrong type");
        } else {
            return problem(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON", List.of());
        }
        return problem(ProblemType.VALIDATION_FAILED, "1 field is invalid", List.of(violation));
    }

    private static FieldViolation enumViolation(String field, Class<?> enumType) {
        String allowed =
                Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        return FieldViolation.of(field, "enum", "must be one of: " + allowed);
    }

    private static boolean isEnum(JavaType type) {
        return type != null && type.isEnumType();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == java.time.LocalDate.class) {
            return "date (yyyy-MM-dd)";
        }
        if (type == java.time.OffsetDateTime.class) {
            return "date-time (RFC 3339)";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }

    private static String path(JacksonException ex) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Bean Validation constraint names as the rule names of the contract. */
    private static String rule(String code) {
        if (code == null) {
            return "invalid";
        }
        return switch (code) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "size";
            case "Pattern" -> "pattern";
            case "Min", "DecimalMin" -> "min";
            case "Max", "DecimalMax" -> "max";
            case "Email" -> "email";
            default -> code.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String rejected(String field, Object value) {
        if (value == null || field == null) {
            return null;
        }
        String leaf = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        leaf = leaf.replaceAll("\\[\\d+]$", "");
        if (PERSONAL_FIELDS.contains(leaf)) {
            return null;
        }
        String text = String.valueOf(value);
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    private static String countDetail(int n) {
        return n == 1 ? "1 field is invalid" : n + " fields are invalid";
    }

    private static ProblemDto problem(ProblemType type, String detail, List<FieldViolation> violations) {
        ProblemDto p = new ProblemDto(
                URI.create(type.uri()), type.title(), type.status().value());
        p.setDetail(detail);
        if (!violations.isEmpty()) {
            p.setErrors(violations.stream()
                    .map(v -> {
                        FieldErrorDto e = new FieldErrorDto(v.field(), v.rule(), v.message());
                        e.setRejectedValue(v.rejectedValue());
                        return e;
                    })
                    .toList());
        }
        return p;
    }
}
