// @rename Ledger Account id cents log apply Kind kind rate months interest find entries result
import java.util.*;

/* Accounts as objects with an id; operations are entries applied to a ledger. */
public class Ledger {
    enum Kind { CREDIT, DEBIT }

    static final class Account {
        final int id;
        double cents;

        Account(int id, double cents) {
            this.id = id;
            this.cents = cents;
        }
    }

    private final Account[] entries = new Account[16];
    private final StringBuilder log = new StringBuilder();

    // @order
    // @item
    Account find(int id) {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null) {
                entries[i] = new Account(id, 0);
                return entries[i];
            }
            if (entries[i].id == id) {
                return entries[i];
            }
        }
        throw new IllegalStateException("ledger full");
    }

    // @item
    boolean apply(int id, Kind kind, double cents) {
        Account a = find(id);
        switch (kind) {
            case CREDIT:
                a.cents += cents;
                break;
            case DEBIT:
                if (a.cents < cents) return false;
                a.cents -= cents;
                break;
        }
        log.append(kind).append(' ').append(id).append(' ').append(cents).append('\n');
        return true;
    }

    // @item
    double interest(int id, double rate, int months) {
        Account a = find(id);
        double result = a.cents;
        for (int m = 0; m < months; m++) {
            result = result + result * rate / 12.0;
        }
        return result - a.cents;
    }
    // @end

    public static void main(String[] args) {
        Ledger l = new Ledger();
        l.apply(7, Kind.CREDIT, 500.0);
        l.apply(9, Kind.CREDIT, 20.0);
        if (l.apply(7, Kind.DEBIT, 120.0) && l.apply(9, Kind.CREDIT, 120.0)) {
            System.out.println("moved");
        }
        System.out.printf("interest %.2f%n", l.interest(7, 0.05, 12));
        System.out.print(l.log);
    }
}
