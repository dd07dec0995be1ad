package org.jkeepalived.daemon.doctor;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one doctor run found: the findings (duplicates removed, sorted by code), and notes on
 * checks that could not run or could not decide. Printed as text for people or as JSON for tools.
 * Not thread-safe; filled by one thread.
 */
public final class Report {
    private final String configFile;
    private final Set<Finding> findings = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String configFile) {
        this.configFile = configFile;
    }

    public void add(Finding finding) {
        findings.add(finding);
    }

    public void addAll(List<Finding> found) {
        found.forEach(this::add);
    }

    /** Records that a check could not run or could not decide, and why. */
    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    /** The findings, sorted by code then subject. */
    public List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::code).thenComparing(Finding::subject));
        return sorted;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** 0 when no finding is an error, 1 otherwise. */
    public int exitCode() {
        return count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /** The human-readable report. */
    public void printText(PrintWriter out) {
        out.println("jkeepalived doctor: " + configFile);
        for (Finding f : findings()) {
            out.printf("%s %-7s %s: %s%n", f.code(), f.severity().label(), f.subject(), f.message());
            out.println("        fix: " + f.fix());
        }
        for (String note : notes) {
            out.println("note: " + note);
        }
        long errors = count(Severity.ERROR);
        long warnings = count(Severity.WARNING);
        out.println(errors == 0 && warnings == 0 ? "No problems found."
                : errors + " error(s), " + warnings + " warning(s).");
        out.flush();
    }

    /** The report as one JSON object. */
    public void printJson(PrintWriter out) {
        StringBuilder json = new StringBuilder("{\"config\":").append(Json.quote(configFile)).append(",\"findings\":[");
        List<Finding> sorted = findings();
        for (int i = 0; i < sorted.size(); i++) {
            Finding f = sorted.get(i);
            json.append(i == 0 ? "" : ",").append("{\"code\":").append(Json.quote(f.code().name()))
                    .append(",\"severity\":").append(Json.quote(f.severity().label()))
                    .append(",\"title\":").append(Json.quote(f.code().title()))
                    .append(",\"subject\":").append(Json.quote(f.subject()))
                    .append(",\"message\":").append(Json.quote(f.message()))
                    .append(",\"fix\":").append(Json.quote(f.fix())).append('}');
        }
        json.append("],\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "" : ",").append(Json.quote(notes.get(i)));
        }
        json.append("],\"errors\":").append(count(Severity.ERROR)).append(",\"warnings\":")
                .append(count(Severity.WARNING)).append('}');
        out.println(json);
        out.flush();
    }
}
