package dev.weir.edge.aggregate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.weir.edge.route.Backends;
import dev.weir.edge.system.EdgeProperties;
import tools.jackson.databind.json.JsonMapper;

/** The aggregations the edge answers itself, before any route sends a call on. */
@Configuration(proxyBeanMethods = false)
class AggregationRoutes {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> customerSummaryRoute(Backends backends, EdgeProperties properties, JsonMapper json) {
        CustomerSummary summary = new CustomerSummary(backends, properties.aggregation(), json);
        return RouterFunctions.route(RequestPredicates.GET("/customer/{customer_id}/summary"), summary::summary);
    }

}
