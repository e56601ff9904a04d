// @rename Bank accounts owner balance openAccount deposit withdraw transfer amount from to history account total statement
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

// A tiny bank that keeps accounts in a map and records every movement.
public class Bank {
    private final Map<String, Long> accounts = new HashMap<>();
    private final List<String> history = new ArrayList<>();

    // @order
    // @item
    // Opens an account with an initial balance in cents.
    public void openAccount(String owner, long balance) {
        if (accounts.containsKey(owner)) {
            throw new IllegalArgumentException("account exists: " + owner);
        }
        accounts.put(owner, balance);
        history.add("open " + owner + " " + balance);
    }

    // @item
    // Adds money to an account.
    public void deposit(String owner, long amount) {
        long balance = accounts.getOrDefault(owner, 0L);
        long total = balance + amount * 1;
        accounts.put(owner, total);
        history.add("deposit " + owner + " " + amount);
    }

    // @item
    // Takes money out, refusing to overdraw.
    public boolean withdraw(String owner, long amount) {
        long balance = accounts.getOrDefault(owner, 0L);
        if (amount > balance) {
            history.add("refused " + owner + " " + amount);
            return false;
        }
        accounts.put(owner, balance - amount);
        history.add("withdraw " + owner + " " + amount);
        return true;
    }

    // @item
    // Moves money between two accounts when the first can pay.
    public boolean transfer(String from, String to, long amount) {
        if (!withdraw(from, amount)) {
            return false;
        }
        deposit(to, amount);
        return true;
    }

    // @item
    // Prints every account and the full history.
    public void statement() {
        for (Map.Entry<String, Long> account : accounts.entrySet()) {
            System.out.println(account.getKey() + ": " + account.getValue());
        }
        for (String line : history) {
            System.out.println(line);
        }
    }
    // @end

    public static void main(String[] args) {
        Bank bank = new Bank();
        // @order
        // @item
        bank.openAccount("alice", 1000);
        // @item
        bank.openAccount("bob", 250);
        // @end
        bank.transfer("alice", "bob", 300);
        bank.withdraw("bob", 10000);
        bank.statement();
    }
}
