// @rename Frequency freq total vowels buffer flush analyse top n ch i best bestCount line
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.HashMap;

/* Reads standard input character by character and builds a frequency table. */
public class Frequency {
    private final HashMap<String, Integer> freq = new HashMap<>();
    private final StringBuilder buffer = new StringBuilder();
    private int total;
    private int vowels;

    // @order
    // @item
    private void flush() {
        if (buffer.length() > 0) {
            String w = buffer.toString();
            freq.put(w, freq.containsKey(w) ? freq.get(w) + 1 : 1);
            total++;
            buffer.setLength(0);
        }
    }

    // @item
    void analyse(String line) {
        for (int i = 0; i < line.length(); i++) {
            char ch = Character.toLowerCase(line.charAt(i));
            if (Character.isLetter(ch)) {
                buffer.append(ch);
                if ("aeiou".indexOf(ch) >= 0) vowels++;
            } else {
                flush();
            }
        }
        flush();
    }

    // @item
    void top(int n) {
        HashMap<String, Integer> left = new HashMap<>(freq);
        while (n-- > 0 && !left.isEmpty()) {
            String best = null;
            int bestCount = -1;
            for (String w : left.keySet()) {
                if (left.get(w) > bestCount) {
                    best = w;
                    bestCount = left.get(w);
                }
            }
            System.out.println(best + "\t" + bestCount);
            left.remove(best);
        }
    }
    // @end

    public static void main(String[] args) throws IOException {
        Frequency f = new Frequency();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            f.analyse(line);
        }
        System.out.println(f.total + " words, " + f.vowels + " vowels");
        f.top(5);
    }
}
