package io.dno.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who wrote a response: the policy being trained, the teacher, or a fixed data set (offline pairs). */
public enum Origin {
    /** Sampled from the current policy (the "student" of DNO, Rosset et al. 2024, Algorithm 2 line 4). */
    @JsonProperty("student") STUDENT,
    /** The stronger model's gold answer, written once ahead of time (the paper's GPT-4-Turbo output). */
    @JsonProperty("teacher") TEACHER,
    /** Taken from a fixed preference data set such as HH-RLHF or UltraFeedback (offline DPO). */
    @JsonProperty("dataset") DATASET
}
