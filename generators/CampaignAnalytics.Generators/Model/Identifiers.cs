using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CampaignAnalytics.Generators.Model;

/// <summary>
/// The naming rules of the generator without Roslyn: how a JSON name becomes a C# name, and which names are C#
/// identifiers, keywords or namespaces. Compiled into the generator, the runtime library (which reads schemas at
/// run time) and, through it, the command-line tool (whose <c>schema check</c> suggests names), so the three agree.
/// The rules are Roslyn's (<c>SyntaxFacts.IsValidIdentifier</c>, <c>GetKeywordKind</c>); the generator's tests hold
/// them to Roslyn's answers for every UTF-16 code unit and every keyword.
/// </summary>
internal static class Identifiers
{
    /// <summary>The reserved keywords of C# (Roslyn's <c>SyntaxFacts.GetReservedKeywordKinds</c>), ordinal.</summary>
    public static readonly HashSet<string> ReservedKeywords = new(StringComparer.Ordinal)
    {
        "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "double", "float", "decimal",
        "string", "char", "void", "object", "typeof", "sizeof", "null", "true", "false", "if", "else", "while", "for",
        "foreach", "do", "switch", "case", "default", "try", "catch", "finally", "lock", "goto", "break", "continue",
        "return", "throw", "public", "private", "internal", "protected", "static", "readonly", "sealed", "const",
        "fixed", "stackalloc", "volatile", "new", "override", "abstract", "virtual", "event", "extern", "ref", "out",
        "in", "is", "as", "params", "__arglist", "__makeref", "__reftype", "__refvalue", "this", "base", "namespace",
        "using", "class", "struct", "interface", "enum", "delegate", "checked", "unchecked", "unsafe", "operator",
        "implicit", "explicit",
    };

    /// <summary>
    /// The generator's C# name for a JSON name: the parts between <c>_ - . space</c>, each with its first character
    /// upper-cased (invariant), joined (<c>unique_clicks</c> → <c>UniqueClicks</c>).
    /// </summary>
    public static string PascalCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c is '_' or '-' or ' ' or '.')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    /// <summary>Whether the text is a C# identifier (no <c>@</c> prefix, no escapes); keywords included.</summary>
    public static bool IsIdentifier(string? name)
    {
        if (name is null || name.Length == 0 || !IsIdentifierStart(name[0]))
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!IsIdentifierPart(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a generated member or type may take the name: an identifier, not a keyword, not <c>record</c> or <c>var</c>.</summary>
    public static bool IsUsableName(string name) => IsIdentifier(name) && !IsReservedWord(name);

    /// <summary>A reserved keyword, or one of the contextual keywords a type or member cannot be named (<c>record</c>, <c>var</c>).</summary>
    public static bool IsReservedWord(string name) => ReservedKeywords.Contains(name) || name is "record" or "var";

    /// <summary>Whether the text is a namespace: identifiers that are not reserved keywords, separated by dots.</summary>
    public static bool IsNamespace(string ns)
    {
        if (ns.Length == 0)
        {
            return false;
        }

        foreach (var part in ns.Split('.'))
        {
            if (!IsIdentifier(part) || ReservedKeywords.Contains(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A letter, a letter number or <c>_</c> (Roslyn's <c>IsIdentifierStartCharacter</c>).</summary>
    public static bool IsIdentifierStart(char c)
    {
        if (c < 0x80)
        {
            return c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';
        }

        return IsLetter(CharUnicodeInfo.GetUnicodeCategory(c));
    }

    /// <summary>A start character, a decimal digit, a connector, a combining mark or a formatting character (Roslyn's <c>IsIdentifierPartCharacter</c>).</summary>
    public static bool IsIdentifierPart(char c)
    {
        if (c < 0x80)
        {
            return c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return IsLetter(category) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;
    }

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
}
