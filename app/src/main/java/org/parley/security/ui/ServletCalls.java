package org.parley.security.ui;

import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The servlet request and response of the Vaadin call being handled, for the sign-in's session. */
final class ServletCalls {

    private ServletCalls() {
    }

    static HttpServletRequest request() {
        return VaadinServletRequest.getCurrent().getHttpServletRequest();
    }

    static HttpServletResponse response() {
        return VaadinServletResponse.getCurrent().getHttpServletResponse();
    }
}
