package dev.sluice.schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jooq.TableRecord;

/**
 * A deterministic generator of realistic volume: {@code scale} organizations, each with a random but reproducible
 * fan-out of users (3-22), forms (1-6), submissions (0-40 per published form), workflows (0-2 per form) and the events
 * that record them. The same {@code scale} and {@code seed} always give the same rows, ids included. Records are
 * produced one organization at a time, so memory stays small at any scale.
 */
public final class ScaleSeed implements Seed {
    private static final OffsetDateTime START = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] ROLES = {"admin", "member", "member", "member"};
    private static final String[] FORM_TITLES = {"Expense report", "Time off request", "Incident report", "Purchase order",
        "Customer feedback", "Onboarding checklist", "Travel request", "Equipment loan"};
    private static final String[] STATUSES = {"received", "processing", "completed", "completed", "rejected"};
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie",
        "Allen", "Dijkstra"};

    private final int scale;
    private final long seed;

    /**
     * @param scale how many organizations, 1 to 100000
     * @param seed the random seed; the same seed gives the same data
     */
    public ScaleSeed(int scale, long seed) {
        if (scale < 1 || scale > 100_000) {
            throw new IllegalArgumentException("Invalid scale '" + scale + "': must be an integer from 1 to 100000");
        }
        this.scale = scale;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String parameters() {
        return "scale=" + scale + " seed=" + seed;
    }

    /** One batch per organization: {@code scale}. */
    @Override
    public long batchCount() {
        return scale;
    }

    @Override
    public Iterator<List<TableRecord<?>>> batches() {
        SplittableRandom random = new SplittableRandom(seed);
        long[] eventId = {1};
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < scale;
            }

            @Override
            public List<TableRecord<?>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                // each organization gets its own generator split off the main one, so adding one does not shift others
                return organization(next++, random.split(), eventId);
            }
        };
    }

    private static List<TableRecord<?>> organization(int n, SplittableRandom r, long[] eventId) {
        List<TableRecord<?>> out = new ArrayList<>();
        List<TableRecord<?>> events = new ArrayList<>();
        UUID org = Ids.next(r);
        String slug = "org-" + (n + 1) + "-" + org.toString().substring(0, 8); // unique across seeds
        OffsetDateTime t = START.plusMinutes(r.nextInt(60 * 24 * 365));
        out.add(Records.organization(org, slug, "Organization " + (n + 1),
                "{\"plan\": \"" + (r.nextBoolean() ? "team" : "enterprise") + "\", \"seats\": " + (5 + r.nextInt(500)) + "}", t));
        events.add(Records.event(eventId[0]++, org, "organization", org, "organization.created", "{\"slug\": \"" + slug + "\"}", t));

        int userCount = 3 + r.nextInt(20);
        List<UUID> users = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            UUID id = Ids.next(r);
            users.add(id);
            String name = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
            String role = u == 0 ? "owner" : ROLES[r.nextInt(ROLES.length)];
            OffsetDateTime at = t.plusMinutes(1 + r.nextInt(60 * 24 * 30));
            out.add(Records.user(id, org, "user" + (u + 1) + "@" + slug + ".test", name, role, at));
            events.add(Records.event(eventId[0]++, org, "user", id, "user.invited", "{\"role\": \"" + role + "\"}", at));
        }

        int formCount = 1 + r.nextInt(6);
        List<TableRecord<?>> submissions = new ArrayList<>();
        List<TableRecord<?>> workflows = new ArrayList<>();
        for (int f = 0; f < formCount; f++) {
            UUID form = Ids.next(r);
            String title = FORM_TITLES[r.nextInt(FORM_TITLES.length)];
            boolean published = r.nextInt(4) != 0;
            OffsetDateTime at = t.plusDays(1 + r.nextInt(60));
            out.add(Records.form(form, org, title, r.nextBoolean() ? null : "Please fill in the " + title.toLowerCase() + ".",
                    "{\"fields\": [{\"name\": \"field1\", \"type\": \"text\"}, {\"name\": \"amount\", \"type\": \"number\"}]}",
                    published ? "published" : (r.nextBoolean() ? "draft" : "archived"), 1 + r.nextInt(3),
                    users.get(r.nextInt(users.size())), at));
            events.add(Records.event(eventId[0]++, org, "form", form, "form.created", "{\"title\": \"" + title + "\"}", at));
            if (published) {
                int subs = r.nextInt(41);
                for (int s = 0; s < subs; s++) {
                    UUID sub = Ids.next(r);
                    OffsetDateTime sat = at.plusMinutes(1 + r.nextInt(60 * 24 * 90));
                    UUID by = r.nextInt(5) == 0 ? null : users.get(r.nextInt(users.size()));
                    submissions.add(Records.submission(sub, org, form, by,
                            "{\"field1\": \"answer " + s + "\", \"amount\": " + r.nextInt(10_000) + "}",
                            STATUSES[r.nextInt(STATUSES.length)], sat));
                    events.add(Records.event(eventId[0]++, org, "submission", sub, "submission.received", "{}", sat));
                }
            }
            int flows = r.nextInt(3);
            for (int w = 0; w < flows; w++) {
                UUID wf = Ids.next(r);
                workflows.add(Records.workflow(wf, org, form, "Workflow " + (w + 1), "{\"steps\": [{\"type\": \"approve\"}]}",
                        r.nextInt(5) != 0, at));
                events.add(Records.event(eventId[0]++, org, "workflow", wf, "workflow.created", "{}", at));
            }
        }
        out.addAll(submissions);
        out.addAll(workflows);
        out.addAll(events);
        return out;
    }
}
