package io.dno.cli.quickstart.run;

import java.util.List;

/**
 * The methods of Table 1 of Rosset et al. 2024, as run by the quickstart, plus one extra baseline. {@code DNO} and
 * {@code DNO_LOOKAHEAD} come from one run: Lookahead's retraining follows DNO's iterations over the very same
 * samples and judgements, so running them separately would only repeat DNO.
 */
public enum Method {
    SFT("sft", "SFT (initialiser)"),
    SFT_POSITIVES("sft_positives", "SFT on positives"),
    RFT_TEACHER("rft_teacher", "RFT on the teacher (extra)"),
    OFFLINE_DPO("offline_dpo", "Offline DPO"),
    SPIN("spin", "SPIN"),
    DNO_RESTRICTIVE("dno_restrictive", "DNO-Restrictive"),
    DNO("dno", "DNO"),
    DNO_LOOKAHEAD("dno_lookahead", "DNO-Lookahead");

    private final String key;
    private final String title;

    Method(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The key in results.json. */
    public String key() {
        return key;
    }

    /** The row name in report.md. */
    public String title() {
        return title;
    }

    /** Whether the method leaves several iterates (or epochs) to choose from on the validation prompts. */
    public boolean selects() {
        return this != SFT && this != DNO_LOOKAHEAD;
    }

    public static List<Method> all() {
        return List.of(values());
    }
}
