package com.example.library;

import static com.example.library.db.Tables.AUTHORS;
import static com.example.library.db.Tables.BOOKS;
import static com.example.library.db.Tables.BOOK_AVAILABILITY;
import static com.example.library.db.Tables.LOANS;
import static com.example.library.db.Tables.LOAN_EVENTS;

import com.example.library.db.tables.records.BookAvailabilityRecord;
import com.example.library.db.tables.records.BooksRecord;
import dev.sluice.connection.ConfigSources;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.query.Database;
import java.io.PrintStream;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The lending library: typed queries against the classes {@code sluice:generate} made from this project's own
 * migrations. Lends a book and returns it, checking on the way that the view and the trigger the migrations created
 * do their work. The database is {@code DATABASE_URL}, else the {@code library.url} system property (the pom passes
 * its SQLite file), migrated and seeded beforehand by {@code sluice:migrate} and {@code sluice:seed}.
 */
public final class LibraryApp {
    private LibraryApp() {}

    /** Runs the example; exits with an exception if the database does not behave as the migrations say. */
    public static void main(String[] args) {
        // the environment (DATABASE_URL...) when it names a database, else the library.url property the pom passes
        ConnectionConfig config = ConfigSources.of(System.getenv())
                .fallbackUrl(System.getProperty("library.url", "sqlite:library.db"), "library.url").resolve().build();
        try (Database db = Database.connect(config)) {
            run(db, System.out);
        }
    }

    static void run(Database db, PrintStream out) {
        out.println("On the shelf (" + db.vendor().displayName() + "):");
        shelf(db.dsl(), out);
        int events = db.dsl().fetchCount(LOAN_EVENTS);
        long available = available(db.dsl(), "Dune");

        // The README shows this part (Sluice's build checks that it does).
        // tag::readme[]
        DSLContext dsl = db.dsl();
        BooksRecord dune = dsl.selectFrom(BOOKS).where(BOOKS.TITLE.eq("Dune")).fetchSingle();
        // a loan, in a transaction; the trigger records it in loan_events, the view counts it
        db.transaction(tx -> tx.insertInto(LOANS).set(LOANS.BOOK_ID, dune.getId()).set(LOANS.BORROWER, "ada").execute());
        List<BookAvailabilityRecord> shelf = dsl.selectFrom(BOOK_AVAILABILITY).orderBy(BOOK_AVAILABILITY.TITLE).fetch();
        // end::readme[]
        check(available(dsl, "Dune") == available - 1, "the view counts the new loan");
        check(dsl.fetchCount(LOAN_EVENTS) == events + 1, "the trigger recorded the loan");
        check(shelf.stream().anyMatch(b -> b.getTitle().equals("Dune")), "the view lists the book");

        out.println("On loan:");
        dsl.select(LOANS.BORROWER, BOOKS.TITLE, AUTHORS.NAME)
                .from(LOANS)
                .join(BOOKS).on(BOOKS.ID.eq(LOANS.BOOK_ID))
                .join(AUTHORS).on(AUTHORS.ID.eq(BOOKS.AUTHOR_ID))
                .where(LOANS.RETURNED_AT.isNull())
                .orderBy(LOANS.ID)
                .forEach(r -> out.printf("  %-6s %-22s %s%n", r.get(LOANS.BORROWER), r.get(BOOKS.TITLE), r.get(AUTHORS.NAME)));

        // returned: every open loan of the book, stamped with the time it was made (a column of the same type)
        db.transaction(tx -> tx.update(LOANS).set(LOANS.RETURNED_AT, LOANS.LOANED_AT)
                .where(LOANS.BOOK_ID.eq(dune.getId())).and(LOANS.RETURNED_AT.isNull()).execute());
        check(available(dsl, "Dune") == dune.getCopies(), "returned copies are back on the shelf");
        out.println("Returned. " + dsl.fetchCount(LOAN_EVENTS) + " loan events recorded so far.");
    }

    private static void shelf(DSLContext dsl, PrintStream out) {
        dsl.selectFrom(BOOK_AVAILABILITY).orderBy(BOOK_AVAILABILITY.TITLE)
                .forEach(r -> out.printf("  %-22s %-20s %s available%n", r.getTitle(), r.getAuthor(), r.getAvailable()));
    }

    /** Copies of the book titled {@code title} on the shelf, as the view counts them. */
    private static long available(DSLContext dsl, String title) {
        Object n = dsl.select(BOOK_AVAILABILITY.AVAILABLE).from(BOOK_AVAILABILITY)
                .where(BOOK_AVAILABILITY.TITLE.eq(title)).fetchSingle().value1();
        return ((Number) n).longValue();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("Expected: " + what);
        }
    }
}
