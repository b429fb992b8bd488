using System.Text;

namespace Dashboard.Deployment.Tests;

/// <summary>Splits a command line into words the way a POSIX shell would for the simple cases used in
/// Dockerfiles and CI scripts: whitespace, single quotes, double quotes and backslash escapes.</summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote == '\'')
            {
                if (c == '\'')
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (quote == '"')
            {
                if (c == '"')
                {
                    quote = '\0';
                }
                else if (c == '\\' && i + 1 < commandLine.Length && "\"\\$`".Contains(commandLine[i + 1]))
                {
                    current.Append(commandLine[++i]);
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\' && i + 1 < commandLine.Length)
            {
                current.Append(commandLine[++i]);
            }
            else
            {
                current.Append(c);
            }
        }

        if (quote != '\0')
        {
            throw new FormatException($"Unterminated {quote} quote in: {commandLine}");
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
