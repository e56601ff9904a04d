// @rename TextStats text words counts longest sentences average tokenize countWords report sorted limit word count letters
import java.util.*;

// Counts words, sentences and letters in a text and prints the most frequent words.
public class TextStats {
    // @order
    // @item
    static List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase().split("[^a-z']+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    // @item
    static Map<String, Integer> countWords(List<String> words) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : words) {
            counts.merge(word, 1, Integer::sum);
        }
        return counts;
    }

    // @item
    static void report(String text, int limit) {
        List<String> words = tokenize(text);
        Map<String, Integer> counts = countWords(words);
        int letters = 0;
        String longest = "";
        for (String word : words) {
            letters += word.length();
            if (word.length() > longest.length()) {
                longest = word;
            }
        }
        int sentences = text.split("[.!?]+").length;
        double average = words.isEmpty() ? 0 : (double) letters / words.size();
        System.out.println("words: " + words.size() + ", sentences: " + sentences);
        System.out.printf("average length %.2f, longest %s%n", average, longest);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((x, y) -> y.getValue() - x.getValue());
        for (int i = 0; i < Math.min(limit, sorted.size()); i++) {
            System.out.println(sorted.get(i).getKey() + " " + sorted.get(i).getValue());
        }
    }
    // @end

    public static void main(String[] args) {
        String text = "The cat sat. The dog sat too! Did the cat see the dog? It did.";
        report(text, 3);
    }
}
