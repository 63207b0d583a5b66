"""
Audio Production Models

Pydantic models for the ElevenLabs audio production workflow.
Following existing codebase patterns from services/models.py.
"""

from pydantic import BaseModel, Field
from typing import Optional, List, Dict, Any
from enum import Enum
from datetime import datetime
from uuid import UUID


class Character(str, Enum):
    """Available character voices for Trash Panda"""
    EVERY_COON = "every-coon"
    BOOMER = "boomer"
    FED = "fed"
    WHALE = "whale"
    WOJAK = "wojak"
    CHAD = "chad"


class Pace(str, Enum):
    """Pacing options mapped to ElevenLabs speed values (API range: 0.7-1.2)"""
    SLOW = "slow"           # 0.75x
    DELIBERATE = "deliberate"  # 0.85x
    NORMAL = "normal"       # 1.00x
    QUICK = "quick"         # 1.08x
    FAST = "fast"           # 1.15x
    CHAOS = "chaos"         # 1.20x

    def to_speed(self) -> float:
        """Convert pace to ElevenLabs speed parameter"""
        mapping = {
            "slow": 0.75,
            "deliberate": 0.85,
            "normal": 1.00,
            "quick": 1.08,
            "fast": 1.15,
            "chaos": 1.20
        }
        return mapping.get(self.value, 1.0)


class VoiceSettings(BaseModel):
    """ElevenLabs voice generation settings"""
    stability: float = Field(default=0.35, ge=0, le=1)
    similarity_boost: float = Field(default=0.78, ge=0, le=1)
    style: float = Field(default=0.45, ge=0, le=1)
    speed: float = Field(default=1.0, ge=0.7, le=1.2)


class CharacterVoiceProfile(BaseModel):
    """Voice profile for a character, stored in database"""
    id: Optional[UUID] = None
    character: Character
    voice_id: str  # ElevenLabs voice ID
    display_name: str
    description: Optional[str] = None
    stability: float = 0.35
    similarity_boost: float = 0.78
    style: float = 0.45
    speed: float = 1.0

    def to_voice_settings(self) -> VoiceSettings:
        """Convert profile to VoiceSettings"""
        return VoiceSettings(
            stability=self.stability,
            similarity_boost=self.similarity_boost,
            style=self.style,
            speed=self.speed
        )


class ParsedLine(BaseModel):
    """A single parsed line from ELS format"""
    text: str
    direction: Optional[str] = None
    pace: Pace = Pace.NORMAL
    pause_after_ms: int = Field(default=150, ge=0, le=2000)
    stability_override: Optional[float] = None
    style_override: Optional[float] = None
    emphasis_words: List[str] = Field(default_factory=list)
    strong_emphasis_words: List[str] = Field(default_factory=list)


class ScriptBeat(BaseModel):
    """A beat ready for audio generation"""
    beat_id: str
    beat_number: int
    beat_name: str
    character: Character
    lines: List[ParsedLine]
    combined_script: str  # All lines joined for generation
    primary_direction: Optional[str] = None
    primary_pace: Pace = Pace.NORMAL
    settings_override: Optional[VoiceSettings] = None
    pause_after_ms: int = Field(default=300, ge=0, le=2000)


class AudioTake(BaseModel):
    """A single generated audio take"""
    take_id: str
    beat_id: str
    audio_path: str  # Storage path
    audio_duration_ms: int
    generation_settings: VoiceSettings
    direction_used: Optional[str] = None
    created_at: datetime
    is_selected: bool = False


class BeatWithTakes(BaseModel):
    """A beat with all its generated takes"""
    beat: ScriptBeat
    takes: List[AudioTake] = Field(default_factory=list)
    selected_take_id: Optional[str] = None


class ProductionSession(BaseModel):
    """A full audio production session"""
    session_id: str
    video_title: str
    project_name: str
    beats: List[BeatWithTakes]
    source_els: Optional[str] = None
    created_at: datetime
    updated_at: datetime
    status: str = "draft"  # draft, generating, in_progress, completed, exported


class ELSValidationResult(BaseModel):
    """Result of ELS format validation"""
    is_valid: bool
    errors: List[str] = Field(default_factory=list)
    warnings: List[str] = Field(default_factory=list)
    beat_count: int = 0
    character_count: Dict[str, int] = Field(default_factory=dict)


class ELSParseResult(BaseModel):
    """Result of ELS parsing"""
    video_title: str
    project: str
    default_character: Character = Character.EVERY_COON
    default_pace: Pace = Pace.NORMAL
    beats: List[ScriptBeat]


class AudioGenerationResult(BaseModel):
    """Result of complete audio workflow"""
    session_id: str
    video_title: str
    status: str
    beats: List[Dict[str, Any]]
    total_duration_ms: int
    summary: str
