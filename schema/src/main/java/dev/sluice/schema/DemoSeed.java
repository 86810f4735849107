package dev.sluice.schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.jooq.TableRecord;

/**
 * A small, fixed data set for trying things out: two organizations (Acme and Globex), their people, forms,
 * submissions, workflows and the events that recorded it all. Ids and timestamps are fixed, so loading it twice
 * changes nothing.
 */
public final class DemoSeed implements Seed {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC);

    /** The demo data set; every instance holds the same rows. */
    public DemoSeed() {}

    /** The ids of the demo's organizations (Acme, Globex), for work done per tenant. */
    public static java.util.List<UUID> tenants() {
        return java.util.List.of(Ids.named("org:acme"), Ids.named("org:globex"));
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String parameters() {
        return "";
    }

    @Override
    public Iterator<List<TableRecord<?>>> batches() {
        List<TableRecord<?>> all = new ArrayList<>();
        long[] eventId = {1};
        organization(all, eventId, "acme", "Acme Corporation", "{\"plan\": \"team\", \"locale\": \"en-US\"}",
                new String[][] {{"wile@acme.test", "Wile E. Coyote", "owner"}, {"road@acme.test", "Road Runner", "admin"},
                        {"ops@acme.test", "Acme Ops", "member"}}, 0);
        organization(all, eventId, "globex", "Globex", "{\"plan\": \"enterprise\", \"locale\": \"de-DE\"}",
                new String[][] {{"hank@globex.test", "Hank Scorpio", "owner"}, {"homer@globex.test", "Homer Simpson", "member"},
                        {"frank@globex.test", "Frank Grimes", "member"}}, 1);
        return List.of(all).iterator();
    }

    private static void organization(List<TableRecord<?>> out, long[] eventId, String slug, String name, String settings,
            String[][] people, int n) {
        OffsetDateTime t = START.plusDays(n * 7L);
        UUID org = Ids.named("org:" + slug);
        List<TableRecord<?>> events = new ArrayList<>();
        out.add(Records.organization(org, slug, name, settings, t));
        events.add(Records.event(eventId[0]++, org, "organization", org, "organization.created", "{\"slug\": \"" + slug + "\"}", t));

        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            UUID u = Ids.named("user:" + people[i][0]);
            users.add(u);
            OffsetDateTime at = t.plusHours(i + 1);
            out.add(Records.user(u, org, people[i][0], people[i][1], people[i][2], at));
            events.add(Records.event(eventId[0]++, org, "user", u, "user.invited", "{\"role\": \"" + people[i][2] + "\"}", at));
        }

        String[][] forms = {
            {"Expense report", "Claim back what you spent on the company's behalf.", "published",
                "{\"fields\": [{\"name\": \"amount\", \"type\": \"number\", \"required\": true}, "
                        + "{\"name\": \"currency\", \"type\": \"select\", \"options\": [\"EUR\", \"USD\"]}, "
                        + "{\"name\": \"receipt\", \"type\": \"file\"}]}"},
            {"Time off request", null, "draft",
                "{\"fields\": [{\"name\": \"from\", \"type\": \"date\", \"required\": true}, "
                        + "{\"name\": \"to\", \"type\": \"date\", \"required\": true}, {\"name\": \"reason\", \"type\": \"text\"}]}"},
        };
        for (int f = 0; f < forms.length; f++) {
            UUID form = Ids.named("form:" + slug + ":" + f);
            OffsetDateTime at = t.plusDays(1).plusHours(f);
            boolean published = forms[f][2].equals("published");
            out.add(Records.form(form, org, forms[f][0], forms[f][1], forms[f][3], forms[f][2], published ? 2 : 1, users.get(0), at));
            events.add(Records.event(eventId[0]++, org, "form", form, "form.created", "{\"title\": \"" + forms[f][0] + "\"}", at));
            if (!published) {
                continue;
            }
            String[] statuses = {"completed", "processing", "received"};
            for (int s = 0; s < 3; s++) {
                UUID sub = Ids.named("submission:" + slug + ":" + f + ":" + s);
                OffsetDateTime sat = at.plusDays(s + 1);
                out.add(Records.submission(sub, org, form, users.get(1 + s % 2),
                        "{\"amount\": " + (42.5 + s * 10) + ", \"currency\": \"" + (s % 2 == 0 ? "EUR" : "USD") + "\"}",
                        statuses[s], sat));
                events.add(Records.event(eventId[0]++, org, "submission", sub, "submission.received", "{\"form\": \"" + form + "\"}", sat));
            }
            UUID wf = Ids.named("workflow:" + slug + ":" + f);
            out.add(Records.workflow(wf, org, form, "Manager approval",
                    "{\"steps\": [{\"type\": \"approve\", \"role\": \"admin\"}, {\"type\": \"notify\", \"to\": \"submitter\"}]}", true, at));
            events.add(Records.event(eventId[0]++, org, "workflow", wf, "workflow.created", "{\"name\": \"Manager approval\"}", at));
        }
        out.addAll(events);
    }
}
