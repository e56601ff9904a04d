// @rename Account Bank owner balance history deposit withdraw transfer open accounts amount from to statement entry
'use strict';

// Bank accounts as classes with a shared history of movements.
class Account {
    constructor(owner, balance) {
        this.owner = owner;
        this.balance = balance;
        this.history = [];
    }

    // @order
    // @item
    deposit(amount) {
        if (amount <= 0) {
            throw new RangeError('deposit must be positive');
        }
        this.balance += amount;
        this.history.push({ kind: 'deposit', amount });
    }

    // @item
    withdraw(amount) {
        if (amount > this.balance) {
            return false;
        }
        this.balance -= amount;
        this.history.push({ kind: 'withdraw', amount });
        return true;
    }
    // @end
}

class Bank {
    constructor() {
        this.accounts = new Map();
    }

    // @order
    // @item
    open(owner, balance = 0) {
        const account = new Account(owner, balance);
        this.accounts.set(owner, account);
        return account;
    }

    // @item
    transfer(from, to, amount) {
        const source = this.accounts.get(from);
        const target = this.accounts.get(to);
        if (!source || !target || !source.withdraw(amount)) {
            return false;
        }
        target.deposit(amount);
        return true;
    }

    // @item
    statement() {
        for (const [owner, account] of this.accounts) {
            console.log(`${owner}: ${account.balance}`);
            for (const entry of account.history) {
                console.log(`  ${entry.kind} ${entry.amount}`);
            }
        }
    }
    // @end
}

const bank = new Bank();
bank.open('ann', 100);
bank.open('ben', 20);
bank.transfer('ann', 'ben', 70);
bank.transfer('ben', 'ann', 500);
bank.statement();
