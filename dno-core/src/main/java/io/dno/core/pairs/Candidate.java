package io.dno.core.pairs;

import io.dno.core.data.Response;

/**
 * One distinct answer after identical texts were merged: the response, its (mean) score, and whether the
 * defect detector flagged it.
 */
record Candidate(Response response, double score, boolean defective) {

    String text() {
        return response.text();
    }

    boolean isStudent() {
        return response.isStudent();
    }

    boolean isTeacher() {
        return response.isTeacher();
    }
}
