package dev.weir.retail.client.rest;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Retail REST API as Java interfaces: {@link #customers()}, {@link #invoices()},
 * {@link #stockCodes()}. JSON is snake_case as on the wire; an error answer (4xx, 5xx)
 * throws a {@link RetailProblemException} carrying the problem's type, status, detail and
 * offending fields. Thread-safe; make one per base URL and share it.
 */
public final class RetailRestClient {

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
            "errors");

    private final CustomerApi customers;

    private final InvoiceApi invoices;

    private final StockCodeApi stockCodes;

    private RetailRestClient(RestClient.Builder builder) {
        JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
        RestClient rest = builder
            .configureMessageConverters(
                    (converters) -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(json)))
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                throw problem(response, json);
            })
            .build();
        HttpServiceProxyFactory factory = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build();
        this.customers = factory.createClient(CustomerApi.class);
        this.invoices = factory.createClient(InvoiceApi.class);
        this.stockCodes = factory.createClient(StockCodeApi.class);
    }

    /** A client of the Retail API at this base URL ({@code http://localhost:8081}). */
    public static RetailRestClient create(String baseUrl) {
        return create(RestClient.builder().baseUrl(baseUrl));
    }

    /**
     * A client on a {@link RestClient.Builder} you configured (base URL, request factory,
     * timeouts, interceptors); its message converters and status handler are replaced.
     */
    public static RetailRestClient create(RestClient.Builder builder) {
        return new RetailRestClient(builder.clone());
    }

    public CustomerApi customers() {
        return this.customers;
    }

    public InvoiceApi invoices() {
        return this.invoices;
    }

    public StockCodeApi stockCodes() {
        return this.stockCodes;
    }

    private static RetailProblemException problem(ClientHttpResponse response, JsonMapper json) throws IOException {
        int status = response.getStatusCode().value();
        byte[] body = response.getBody().readAllBytes();
        JsonNode problem;
        try {
            problem = (body.length > 0) ? json.readTree(body) : null;
        }
        catch (JacksonException ex) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return new RetailProblemException(URI.create("about:blank"), status, response.getStatusText(),
                    "The service answered " + status + " without a problem body.", List.of(), Map.of());
        }
        List<RetailProblemException.FieldError> errors = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors")
                .forEach((error) -> errors.add(new RetailProblemException.FieldError(text(error, "field"),
                        text(error, "in"), text(error, "detail"))));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : problem.propertyNames()) {
            if (!STANDARD_MEMBERS.contains(name)) {
                JsonNode value = problem.get(name);
                properties.put(name, value.isValueNode() ? json.treeToValue(value, Object.class) : value);
            }
        }
        String type = text(problem, "type");
        return new RetailProblemException(URI.create((type != null) ? type : "about:blank"), status,
                text(problem, "title"), text(problem, "detail"), errors, properties);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value != null && !value.isNull()) ? value.asString() : null;
    }

}
