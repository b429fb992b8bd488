using System.Text;

namespace Dashboard.Deployment.Tests;

internal sealed record DockerInstruction(string Keyword, string Arguments, int Line);

internal sealed record DockerStage(string From, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>The ENV variables this stage sets (later values win).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var instruction in All("ENV"))
            {
                var words = ShellWords.Split(instruction.Arguments);
                if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
                {
                    // Legacy form: ENV KEY value with spaces
                    env[words[0]] = string.Join(' ', words.Skip(1));
                    continue;
                }

                foreach (var word in words)
                {
                    var eq = word.IndexOf('=', StringComparison.Ordinal);
                    env[word[..eq]] = word[(eq + 1)..];
                }
            }

            return env;
        }
    }
}

/// <summary>A Dockerfile split into stages and instructions; line continuations joined, comments dropped.</summary>
internal sealed class DockerfileModel
{
    private DockerfileModel(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage FinalStage => Stages[^1];

    public static DockerfileModel Parse(string text)
    {
        var stages = new List<DockerStage>();
        string? from = null;
        string? name = null;
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var logical = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                continue;
            }

            if (logical.Length == 0)
            {
                if (trimmed.Length == 0)
                {
                    continue;
                }

                startLine = i + 1;
            }

            if (trimmed.EndsWith('\\'))
            {
                logical.Append(trimmed[..^1]).Append(' ');
                continue;
            }

            logical.Append(trimmed);
            var instructionText = logical.ToString().Trim();
            logical.Clear();
            var space = instructionText.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? instructionText : instructionText[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : instructionText[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                if (from is not null)
                {
                    stages.Add(new DockerStage(from, name, instructions));
                }

                var words = ShellWords.Split(arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                from = words[0];
                name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                instructions = [];
                continue;
            }

            if (from is null)
            {
                if (keyword == "ARG")
                {
                    continue;
                }

                throw new FormatException($"Line {startLine}: {keyword} before the first FROM");
            }

            instructions.Add(new DockerInstruction(keyword, arguments, startLine));
        }

        if (from is null)
        {
            throw new FormatException("The Dockerfile has no FROM");
        }

        stages.Add(new DockerStage(from, name, instructions));
        return new DockerfileModel(stages);
    }
}
