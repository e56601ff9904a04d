// @rename createLedger balances log credit debit move total report state who sum amt src dst line
/* A functional ledger: plain objects and closures instead of classes. */

function createLedger(initial) {
    const balances = Object.assign({}, initial);
    const log = [];

    // @order
    // @item
    function credit(who, amt) {
        balances[who] = (balances[who] || 0) + amt;
        log.push(['credit', who, amt]);
    }

    // @item
    function debit(who, amt) {
        const have = balances[who] || 0;
        if (have < amt) {
            log.push(['refused', who, amt]);
            return false;
        }
        balances[who] = have - amt;
        log.push(['debit', who, amt]);
        return true;
    }
    // @end

    function move(src, dst, amt) {
        return debit(src, amt) && (credit(dst, amt), true);
    }

    function total() {
        return Object.values(balances).reduce((sum, x) => sum + x, 0);
    }

    function report() {
        const lines = Object.keys(balances).sort().map((who) => who.padEnd(8) + String(balances[who]).padStart(6));
        lines.push('-'.repeat(14));
        lines.push('total'.padEnd(8) + String(total()).padStart(6));
        return lines.join('\n');
    }

    return { credit, debit, move, total, report, log };
}

const ledger = createLedger({ carol: 300, dave: 50 });
ledger.credit('erin', 75);
ledger.move('carol', 'dave', 125);
ledger.move('dave', 'erin', 1000);
console.log(ledger.report());
for (const line of ledger.log) {
    console.log(line.join(' '));
}
module.exports = { createLedger };
