package dev.vigil.keycloak.admin.model;

import java.util.Map;

import dev.vigil.keycloak.riskengine.history.Feedback;

/**
 * Quality of the flags against admins' verdicts: a login confirmed compromised is a positive, one
 * confirmed safe a negative. Ratios are null while they are undefined (no flags, no positives).
 */
public record ModelMetrics(long labelled, long truePositives, long falsePositives, long falseNegatives,
        long trueNegatives, Double precision, Double recall, Double f1) {

    public static ModelMetrics of(Map<Boolean, Map<Feedback, Long>> counts) {
        long tp = counts.get(true).getOrDefault(Feedback.COMPROMISED, 0L);
        long fp = counts.get(true).getOrDefault(Feedback.SAFE, 0L);
        long fn = counts.get(false).getOrDefault(Feedback.COMPROMISED, 0L);
        long tn = counts.get(false).getOrDefault(Feedback.SAFE, 0L);
        Double precision = tp + fp == 0 ? null : tp / (double) (tp + fp);
        Double recall = tp + fn == 0 ? null : tp / (double) (tp + fn);
        Double f1 = precision == null || recall == null || precision + recall == 0 ? null
                : 2 * precision * recall / (precision + recall);
        return new ModelMetrics(tp + fp + fn + tn, tp, fp, fn, tn, precision, recall, f1);
    }
}
