package org.parley.fhirexport;

/** What goes into the {@code Authorization} header of each request to the EHR. */
interface Credentials {

    /**
     * The header's value.
     *
     * @param fresh {@code true} after the EHR refused the last one: do not use a cached token
     * @throws EhrFailure when no token can be had (token endpoint down or refusing, key file unreadable)
     */
    String authorization(boolean fresh) throws EhrFailure;

    /** Whether asking again with {@code fresh} may give a header the EHR accepts. */
    boolean renewable();

    /** A fixed bearer token: nothing to renew. */
    static Credentials bearer(String token) {
        return new Credentials() {
            @Override
            public String authorization(boolean fresh) {
                return "Bearer " + token;
            }

            @Override
            public boolean renewable() {
                return false;
            }
        };
    }
}
