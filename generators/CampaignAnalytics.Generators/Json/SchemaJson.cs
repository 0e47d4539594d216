using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CampaignAnalytics.Generators.Json;

// A small JSON reader of our own, used only inside the parse step. Why not System.Text.Json:
// hosts such as Visual Studio's .NET Framework compiler do not carry it, and we need the exact
// position of every key and value to locate diagnostics, which JsonDocument does not give.

/// <summary>A position range in the schema text.</summary>
internal readonly struct SourceRange
{
    public SourceRange(int start, int end, int line, int column)
    {
        Start = start;
        End = end;
        Line = line;
        Column = column;
    }

    public int Start { get; }
    public int End { get; }
    public int Line { get; }      // 0-based
    public int Column { get; }    // 0-based
}

internal abstract class JsonNode
{
    protected JsonNode(SourceRange range) => Range = range;

    public SourceRange Range { get; }

    public abstract string KindName { get; }
}

internal sealed class JsonObjectNode : JsonNode
{
    public JsonObjectNode(SourceRange range, List<JsonMember> members) : base(range) => Members = members;

    public List<JsonMember> Members { get; }

    public override string KindName => "object";

    public JsonMember? Find(string key)
    {
        foreach (var m in Members)
        {
            if (string.Equals(m.Key, key, StringComparison.Ordinal))
            {
                return m;
            }
        }

        return null;
    }

    public JsonNode? Get(string key) => Find(key)?.Value;
}

internal sealed class JsonMember
{
    public JsonMember(string key, SourceRange keyRange, JsonNode value)
    {
        Key = key;
        KeyRange = keyRange;
        Value = value;
    }

    public string Key { get; }
    public SourceRange KeyRange { get; }
    public JsonNode Value { get; }
}

internal sealed class JsonArrayNode : JsonNode
{
    public JsonArrayNode(SourceRange range, List<JsonNode> items) : base(range) => Items = items;

    public List<JsonNode> Items { get; }

    public override string KindName => "array";
}

internal sealed class JsonStringNode : JsonNode
{
    public JsonStringNode(SourceRange range, string value) : base(range) => Value = value;

    public string Value { get; }

    public override string KindName => "string";
}

internal sealed class JsonNumberNode : JsonNode
{
    public JsonNumberNode(SourceRange range, string text) : base(range) => Text = text;

    public string Text { get; }

    public override string KindName => "number";
}

internal sealed class JsonLiteralNode : JsonNode
{
    public JsonLiteralNode(SourceRange range, string text) : base(range) => Text = text;

    public string Text { get; }

    public override string KindName => Text == "null" ? "null" : "boolean";
}

/// <summary>A syntax error with its position.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, SourceRange range) : base(message) => Range = range;

    public SourceRange Range { get; }
}

/// <summary>Parses JSON text into nodes with positions; reports duplicate keys without failing.</summary>
internal sealed class SchemaJsonParser
{
    private const int MaxDepth = 128;
    private readonly string _text;
    private readonly List<JsonMember> _duplicates = new();
    private int _pos;
    private int _line;
    private int _lineStart;

    private SchemaJsonParser(string text) => _text = text;

    /// <summary>Parses a whole document. Throws <see cref="JsonSyntaxException"/> on bad JSON.</summary>
    public static JsonNode Parse(string text, out List<JsonMember> duplicateKeys)
    {
        var parser = new SchemaJsonParser(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            parser._pos = 1;
        }

        parser.SkipWhitespace();
        var node = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._pos < text.Length)
        {
            throw new JsonSyntaxException("unexpected content after the end of the document", parser.Here(1));
        }

        duplicateKeys = parser._duplicates;
        return node;
    }

    private SourceRange Here(int length) =>
        new(_pos, Math.Min(_text.Length, _pos + length), _line, _pos - _lineStart);

    private SourceRange From(int start, int line, int column) => new(start, _pos, line, column);

    private JsonNode ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException("the document is nested too deeply", Here(1));
        }

        if (_pos >= _text.Length)
        {
            throw new JsonSyntaxException("unexpected end of the document", Here(0));
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{': return ParseObject(depth);
            case '[': return ParseArray(depth);
            case '"':
                {
                    int start = _pos, line = _line, col = _pos - _lineStart;
                    var s = ParseString();
                    return new JsonStringNode(From(start, line, col), s);
                }

            case 't': return ParseLiteral("true");
            case 'f': return ParseLiteral("false");
            case 'n': return ParseLiteral("null");
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonSyntaxException("unexpected character '" + c + "'", Here(1));
        }
    }

    private JsonNode ParseObject(int depth)
    {
        int start = _pos, line = _line, col = _pos - _lineStart;
        _pos++;
        var members = new List<JsonMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return new JsonObjectNode(From(start, line, col), members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxException("expected a property name in double quotes", Here(1));
            }

            int keyStart = _pos, keyLine = _line, keyCol = _pos - _lineStart;
            var key = ParseString();
            var keyRange = From(keyStart, keyLine, keyCol);
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            var value = ParseValue(depth + 1);
            var member = new JsonMember(key, keyRange, value);
            if (!seen.Add(key))
            {
                _duplicates.Add(member);
            }
            else
            {
                members.Add(member);
            }

            SkipWhitespace();
            var next = Peek();
            _pos++;
            if (next == ',')
            {
                continue;
            }

            if (next == '}')
            {
                return new JsonObjectNode(From(start, line, col), members);
            }

            _pos--;
            throw new JsonSyntaxException("expected ',' or '}' after a property value", Here(1));
        }
    }

    private JsonNode ParseArray(int depth)
    {
        int start = _pos, line = _line, col = _pos - _lineStart;
        _pos++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return new JsonArrayNode(From(start, line, col), items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _pos++;
            if (next == ',')
            {
                continue;
            }

            if (next == ']')
            {
                return new JsonArrayNode(From(start, line, col), items);
            }

            _pos--;
            throw new JsonSyntaxException("expected ',' or ']' after an array element", Here(1));
        }
    }

    private string ParseString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException("unterminated string", Here(0));
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }

            if (c < ' ')
            {
                throw new JsonSyntaxException("control character in a string", Here(1));
            }

            if (c == '\\')
            {
                _pos++;
                if (_pos >= _text.Length)
                {
                    throw new JsonSyntaxException("unterminated string", Here(0));
                }

                var e = _text[_pos];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 >= _text.Length
                            || !int.TryParse(_text.Substring(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new JsonSyntaxException("invalid \\u escape", Here(1));
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new JsonSyntaxException("invalid escape '\\" + e + "'", Here(1));
                }

                _pos++;
                continue;
            }

            sb.Append(c);
            _pos++;
        }
    }

    private JsonNode ParseNumber()
    {
        int start = _pos, line = _line, col = _pos - _lineStart;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (!IsDigit(Peek()))
        {
            throw new JsonSyntaxException("invalid number", Here(1));
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException("invalid number", Here(1));
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException("invalid number", Here(1));
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        return new JsonNumberNode(From(start, line, col), _text.Substring(start, _pos - start));
    }

    private JsonNode ParseLiteral(string literal)
    {
        int start = _pos, line = _line, col = _pos - _lineStart;
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxException("invalid literal", Here(1));
        }

        _pos += literal.Length;
        return new JsonLiteralNode(From(start, line, col), literal);
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new JsonSyntaxException("expected '" + c + "'", Here(1));
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            else if (c != ' ' && c != '\t' && c != '\r')
            {
                return;
            }

            _pos++;
        }
    }
}
