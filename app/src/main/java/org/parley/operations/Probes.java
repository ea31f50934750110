package org.parley.operations;

import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness and readiness on the app's port, where load balancers and service managers look, at the paths they
 * expect ({@code /actuator/health/liveness}, {@code /actuator/health/readiness}): the status of Spring Boot's two
 * probe groups and nothing else, 200 when UP, 503 otherwise. The rest of the actuator is on the management port.
 * (Spring Boot's own "additional paths" for the groups take one path segment only, {@code /livez}.)
 */
@RestController
class Probes {

    private final HealthEndpoint health;
    private final HttpCodeStatusMapper httpCodes;

    Probes(HealthEndpoint health, HttpCodeStatusMapper httpCodes) {
        this.health = health;
        this.httpCodes = httpCodes;
    }

    @GetMapping(path = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> liveness() {
        return status("liveness");
    }

    @GetMapping(path = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> readiness() {
        return status("readiness");
    }

    private ResponseEntity<Map<String, String>> status(String group) {
        HealthDescriptor descriptor = health.healthForPath(group);
        Status status = descriptor == null ? Status.UNKNOWN : descriptor.getStatus();
        return ResponseEntity.status(httpCodes.getStatusCode(status)).body(Map.of("status", status.getCode()));
    }
}
