package io.dno.core.pairs;

import io.dno.core.data.Response;

/**
 * One distinct answer after identical texts were merged: the response, its (mean) score, whether the defect
 * detector flagged it, and how many candidates had its text (the win-rate estimate counts each copy).
 */
record Candidate(Response response, double score, boolean defective, int copies) {

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
