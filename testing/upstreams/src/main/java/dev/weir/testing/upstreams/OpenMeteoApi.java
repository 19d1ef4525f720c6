package dev.weir.testing.upstreams;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Open-Meteo's {@code GET /v1/forecast} (and {@code /v1/archive}) answered from recorded
 * bodies.
 * <ol>
 * <li><b>recorded</b>: a recording for the place asked for (within 0.1°) holds exactly
 * the sections and variables asked for: its bytes, untouched.</li>
 * <li><b>derived</b>: a recording for the place holds more than asked for: the recording
 * with the fewest extras, cut down to the sections and variables asked for (in the order
 * asked).</li>
 * <li><b>synthetic</b>: no recording for the place covers the request: the covering
 * recording with the fewest extras, cut down likewise, with
 * {@code latitude}/{@code longitude} set to the ones asked for. The values are the
 * template place's: deterministic, not a forecast for the place asked for.</li>
 * </ol>
 * With {@code start_date}, every date and time in the body is shifted by whole days so
 * that the series starts on it (its length stays the recording's). {@code models} with
 * several models asks for {@code <variable>_<model>} columns, as the real API answers
 * them. Other parameters ({@code timezone}, {@code forecast_days}, units) are ignored. A
 * variable no recording holds is a {@code 400} in the real API's error shape
 * ({@code {"error": true, "reason": ...}}), naming what is recorded.
 */
final class OpenMeteoApi {

    private final List<OpenMeteoRecording> recordings;

    OpenMeteoApi(List<OpenMeteoRecording> recordings) {
        this.recordings = List.copyOf(recordings);
    }

    List<OpenMeteoRecording> recordings() {
        return this.recordings;
    }

    Answer answer(UpstreamRequest request, int changes) {
        String path = request.normalisedPath();
        String endpoint = switch (path) {
            case "/v1/forecast" -> "forecast";
            case "/v1/archive" -> "archive";
            default -> null;
        };
        if (endpoint == null) {
            return error(404, "No Open-Meteo endpoint at " + request.path());
        }
        Optional<double[]> location = location(request);
        if (location.isEmpty()) {
            return error(400, "Parameter 'latitude' and 'longitude' must be one number each "
                    + "(this test upstream answers one location per request)");
        }
        double latitude = location.get()[0];
        double longitude = location.get()[1];
        LocalDate startDate;
        try {
            startDate = request.hasParam("start_date") ? LocalDate.parse(request.param("start_date")) : null;
        }
        catch (DateTimeParseException ex) {
            return error(400, "Invalid start_date " + request.param("start_date"));
        }
        Map<String, List<String>> requested = requested(request);
        List<OpenMeteoRecording> covering = this.recordings.stream()
            .filter((recording) -> recording.endpoint().equals(endpoint) && recording.covers(requested))
            .toList();
        if (covering.isEmpty()) {
            return error(400,
                    "No recorded Open-Meteo " + endpoint + " response holds " + requested + "; recorded: "
                            + this.recordings.stream()
                                .filter((recording) -> recording.endpoint().equals(endpoint))
                                .map((recording) -> recording.name() + " " + recording.sections())
                                .toList());
        }
        Comparator<OpenMeteoRecording> fewestExtras = Comparator
            .comparingInt((OpenMeteoRecording recording) -> recording.surplus(requested))
            .thenComparing(OpenMeteoRecording::name);
        Optional<OpenMeteoRecording> local = covering.stream()
            .filter((recording) -> recording.isAt(latitude, longitude))
            .min(fewestExtras);
        OpenMeteoRecording recording = local.orElseGet(() -> covering.stream().min(fewestExtras).orElseThrow());
        boolean synthetic = local.isEmpty();
        ObjectNode body = null;
        if (synthetic || recording.surplus(requested) > 0 || changes > 0 || startDate != null) {
            body = project((ObjectNode) FhrsDataSet.json.readTree(recording.body()), requested);
            if (synthetic) {
                body.put("latitude", latitude);
                body.put("longitude", longitude);
            }
            if (startDate != null) {
                shiftDates(body, startDate);
            }
            if (changes > 0) {
                warm(body, changes);
            }
        }
        if (body == null) {
            return Answer.json(200, recording.body(), "recorded open-meteo/" + recording.name());
        }
        String kind = synthetic ? "synthetic" : "derived";
        return Answer.json(200, FhrsDataSet.json.writeValueAsBytes(body),
                kind + " from open-meteo/" + recording.name() + ((changes > 0) ? " (changed)" : ""));
    }

    private static Optional<double[]> location(UpstreamRequest request) {
        String latitude = request.param("latitude");
        String longitude = request.param("longitude");
        if (latitude == null || longitude == null || latitude.contains(",") || longitude.contains(",")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new double[] { Double.parseDouble(latitude), Double.parseDouble(longitude) });
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /**
     * Section to variables asked for, {@code <variable>_<model>} when several models are
     * asked for.
     */
    private static Map<String, List<String>> requested(UpstreamRequest request) {
        List<String> models = request.params("models");
        Map<String, List<String>> requested = new LinkedHashMap<>();
        for (String section : OpenMeteoRecording.SECTIONS) {
            if (!request.hasParam(section)) {
                continue;
            }
            List<String> variables = new ArrayList<>();
            for (String variable : request.params(section)) {
                if (models.size() > 1) {
                    models.forEach((model) -> variables.add(variable + "_" + model));
                }
                else {
                    variables.add(variable);
                }
            }
            requested.put(section, List.copyOf(variables));
        }
        return requested;
    }

    /**
     * The body with only the sections and variables asked for, the other fields as
     * recorded.
     */
    private static ObjectNode project(ObjectNode recorded, Map<String, List<String>> requested) {
        ObjectNode body = FhrsDataSet.json.createObjectNode();
        for (Map.Entry<String, JsonNode> field : recorded.properties()) {
            String name = field.getKey();
            String section = name.endsWith("_units") ? name.substring(0, name.length() - "_units".length()) : name;
            if (!OpenMeteoRecording.SECTIONS.contains(section)) {
                body.set(name, field.getValue());
                continue;
            }
            List<String> variables = requested.get(section);
            if (variables == null) {
                continue;
            }
            ObjectNode kept = body.putObject(name);
            for (String fixed : List.of("time", "interval")) {
                if (field.getValue().has(fixed)) {
                    kept.set(fixed, field.getValue().get(fixed));
                }
            }
            variables.forEach((variable) -> kept.set(variable, field.getValue().get(variable)));
        }
        return body;
    }

    /**
     * Shifts every date and date-time string in the sections by whole days, so that the
     * first one is on start.
     */
    private static void shiftDates(ObjectNode body, LocalDate start) {
        LocalDate first = null;
        for (String section : OpenMeteoRecording.SECTIONS) {
            JsonNode time = body.path(section).path("time");
            String text = time.isArray() ? time.path(0).asString(null) : time.asString(null);
            LocalDate date = dateOf(text);
            if (date != null && (first == null || date.isBefore(first))) {
                first = date;
            }
        }
        if (first == null) {
            return;
        }
        long days = ChronoUnit.DAYS.between(first, start);
        for (String section : OpenMeteoRecording.SECTIONS) {
            if (body.get(section) instanceof ObjectNode values) {
                for (Map.Entry<String, JsonNode> variable : values.properties()) {
                    if (variable.getValue() instanceof ArrayNode array) {
                        for (int i = 0; i < array.size(); i++) {
                            String shifted = shift(array.get(i), days);
                            if (shifted != null) {
                                array.set(i, StringNode.valueOf(shifted));
                            }
                        }
                    }
                    else {
                        String shifted = shift(variable.getValue(), days);
                        if (shifted != null) {
                            variable.setValue(StringNode.valueOf(shifted));
                        }
                    }
                }
            }
        }
    }

    private static String shift(JsonNode value, long days) {
        if (!value.isString()) {
            return null;
        }
        LocalDate date = dateOf(value.asString());
        return (date != null) ? date.plusDays(days) + value.asString().substring(10) : null;
    }

    private static LocalDate dateOf(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** A newer model run: every °C value {@code 0.1 × changes} higher. */
    private static void warm(ObjectNode body, int changes) {
        BigDecimal delta = new BigDecimal("0.1").multiply(BigDecimal.valueOf(changes));
        for (String section : OpenMeteoRecording.SECTIONS) {
            JsonNode units = body.path(section + "_units");
            if (!(body.get(section) instanceof ObjectNode values)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> variable : values.properties()) {
                if (!"°C".equals(units.path(variable.getKey()).asString(""))) {
                    continue;
                }
                if (variable.getValue() instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        if (array.get(i).isNumber()) {
                            array.set(i, array.get(i).decimalValue().add(delta));
                        }
                    }
                }
                else if (variable.getValue().isNumber()) {
                    values.put(variable.getKey(), variable.getValue().decimalValue().add(delta));
                }
            }
        }
    }

    private static Answer error(int status, String reason) {
        ObjectNode body = FhrsDataSet.json.createObjectNode().put("error", true).put("reason", reason);
        return Answer.json(status, FhrsDataSet.json.writeValueAsString(body));
    }

}
