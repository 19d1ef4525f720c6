package dev.weir.retail.customer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of customers and the link to the next one. */
@Schema(name = "CustomerPage")
record CustomerPageResponse(List<CustomerResponse> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The next page, absent on the last page",
                example = "/customer?country=Germany&limit=50&after=12472") String next) {
}
